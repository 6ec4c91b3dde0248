# The compiled identifier scanner, when a build of its current sources exists (cases/native.py).
from cases import native

native.activate()
