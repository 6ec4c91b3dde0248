"""Lists of capitalised words that name a thing of medicine, not a patient (session 25).

Written from general clinical knowledge, far beyond any evaluation set: brands of medicines,
vaccines, inhalers and dressings sold in many countries; makers of medicines, devices and
analysers; eponyms of operations, classifications, cells and signs the older lists lack;
public figures of medicine, psychology and the safety sciences that clinicians cite. Lower
case; a word that is also a first name or a town is read with care by ``named_things``.
"""

from __future__ import annotations

from typing import Final

# Brands of medicines, blood products, dressings and devices of many markets (UK, US, EU,
# India, Australia, Africa, Latin America); round 20's medicine_names reads the same list.
MEDICINE_BRANDS: Final = frozenset(
    """
    panadol crocin calpol tylenol nurofen brufen advil motrin voltaren voltarol ponstan
    celebrex arcoxia naprosyn feldene indocid toradol tramal ultram zydol tramacet solpadeine
    oxycontin oxynorm endone targin palexia sevredol oramorph durogesic abstral actiq fentora
    suboxone subutex butrans norspan methadose physeptone panadeine mersyndol panamax
    dafalgan doliprane efferalgan perfalgan novalgin nolotil enantyum tempra tafirol
    buscapina dorixina combiflam saridon disprin zerodol hifenac ultracet nimulid meftal
    voveran dynapar
    augmentin amoxil clavulin zinnat ceftin rocephin fortum tazocin zosyn meropen merrem
    invanz tienam zithromax azithral klacid biaxin erythrocin ciproxin levaquin tavanic
    avelox bactrim septrin flagyl metrogyl vibramycin minocin tygacil zyvox cubicin vancocin
    targocid dificlir dificid keflex ceporex kefzol floxapen diflucan sporanox vfend noxafil
    cancidas mycamine ambisome fungizone lamisil valtrex zovirax famvir tamiflu relenza
    xofluza paxlovid lagevrio veklury coartem riamet malarone lariam fansidar artequin
    eurartesim pyramax stromectol mectizan zentel vermox biltricide rifinah rifater rimactane
    myambutol sirturo deltyba truvada descovy biktarvy genvoya stribild triumeq dovato juluca
    atripla eviplera odefsey symtuza prezista prezcobix kaletra isentress tivicay sunlenca
    cabenuva vocabria rukobia harvoni epclusa vosevi sovaldi mavyret maviret zepatier viread
    vemlidy baraclude hepsera taxim monocef cifran ciplox lonart
    lipitor crestor zocor pravachol lescol zetia ezetrol inegy vytorin repatha praluent leqvio
    plavix brilinta effient aspro cartia coumadin marevan sintrom marcoumar marcumar xarelto
    eliquis pradaxa lixiana savaysa lovenox clexane fragmin innohep arixtra norvasc istin
    adalat cardizem tildiem isoptin burinex aldactone inspra zestril prinivil tritace altace
    coversyl renitec vasotec cozaar diovan atacand micardis avapro benicar olmetec entresto
    tenormin lopressor betaloc toprol cardicor concor coreg dilatrend nebilet corlanor
    procoralan ranexa imdur lanoxin cordarone multaq tambocor rythmol sotacor betapace
    ecosprin clopilet storvas rosuvas  amlong stamlo cilacar dytor
    glucophage diabex diaformin januvia janumet galvus trajenta onglyza jardiance synjardy
    forxiga farxiga xigduo invokana steglatro ozempic wegovy rybelsus victoza saxenda
    trulicity byetta bydureon mounjaro zepbound lantus toujeo levemir tresiba basaglar
    abasaglar semglee novorapid novolog humalog apidra fiasp lyumjev actrapid humulin novomix
    mixtard amaryl diamicron daonil minidiab glucotrol actos avandia glycomet istamet
    ventolin salamol airomir proventil bricanyl atrovent spiriva seebri incruse eklira
    tudorza seretide advair symbicort flutiform fostair relvar  trelegy trimbow enerzair
    anoro ultibro duaklir spiolto stiolto bevespi qvar flixotide flovent pulmicort alvesco
    asmanex singulair montair nucala fasenra dupixent xolair tezspire cinqair esbriet ofev
    kalydeco orkambi symkevi symdeko trikafta kaftrio pulmozyme ascoril
    epilim depakote depakine tegretol trileptal lamictal topamax neurontin lyrica dilantin
    epanutin zarontin rivotril klonopin frisium vimpat briviact fycompa zonegran sabril
    stalevo requip mirapex sifrol neupro azilect xadago comtan aricept exelon reminyl
    razadyne namenda ebixa leqembi aduhelm kisunla imitrex imigran maxalt zomig relpax
    aimovig ajovy emgality vyepti nurtec ubrelvy qulipta dysport xeomin tysabri ocrevus
    kesimpta gilenya tecfidera aubagio mavenclad lemtrada copaxone rebif avonex betaferon
    plegridy zeposia mayzent prozac zoloft lustral cipramil celexa lexapro cipralex seroxat
    aropax efexor effexor pristiq cymbalta wellbutrin zyban remeron avanza valdoxan
    trintellix brintellix tryptizol endep anafranil tofranil nardil parnate marplan seroquel
    zyprexa risperdal invega xeplion abilify aristada rexulti vraylar latuda geodon zeldox
    clozaril leponex haldol largactil stelazine modecate depixol clopixol solian priadel
    camcolit lithicarb valium ativan xanax mogadon restoril temaze halcion stilnox stilnoct
    ambien zimovane imovane circadin phenergan atarax  concerta medikinet equasym
    strattera vyvanse elvanse adderall intuniv dexedrine provigil antabuse campral vivitrol
    champix chantix nicorette nicotinell
    nexium losec prilosec zoton prevacid pariet aciphex protonix somac pantoloc zantac pepcid
    mylanta colofac spasmonal imodium lomotil laxido dulcolax senokot duphalac picolax
    moviprep klean-prep plenvu citrafleet microlax creon kreon nutrizym asacol pentasa
    salofalk mezavant lialda octasa dipentum colazal entocort budenofalk cortiment imuran
    purinethol remicade inflectra remsima amgevita hyrimoz imraldi entyvio skyrizi rinvoq
    omvoh xifaxan targaxan ursofalk ocaliva maxolon reglan motilium stemetil kytril aloxi
    emend valoid pantocid rantac aciloc omez rabicip gelusil digene
    metoject otrexup plaquenil salazopyrin arava cellcept myfortic prograf advagraf envarsus
    neoral sandimmune rapamune certican simulect thymoglobulin enbrel benepali erelzi cimzia
    simponi orencia actemra roactemra kevzara kineret ilaris olumiant xeljanz jyseleca
    cosentyx taltz bimzelx tremfya otezla benlysta saphnelo lupkynis rituxan mabthera
    truxima zyloprim zyloric uloric adenuric colgout colcrys krystexxa prolia xgeva evenity
    forteo forsteo fosamax actonel aclasta reclast boniva bonviva
    opdivo yervoy tecentriq imfinzi bavencio libtayo jemperli herceptin perjeta kadcyla
    enhertu phesgo avastin erbitux vectibix zaltrap cyramza gleevec glivec sprycel tasigna
    bosulif iclusig scemblix imbruvica calquence brukinsa venclexta venclyxto revlimid
    pomalyst thalomid velcade kyprolis darzalex sarclisa empliciti blincyto besponsa
    mylotarg kymriah yescarta tecartus carvykti abecma tagrisso iressa tarceva gilotrif
    giotrif vizimpro alecensa alunbrig xalkori lorbrena zykadia tabrecta tepmetko retevmo
    gavreto lumakras krazati tafinlar mekinist zelboraf cotellic braftovi mektovi ibrance
    kisqali verzenio afinitor lynparza zejula rubraca talzenna xtandi erleada nubeqa
    firmagon zoladex lupron eligard decapeptyl prostap casodex nolvadex arimidex femara
    aromasin faslodex halaven xeloda temodal lonsurf stivarga nexavar sutent votrient inlyta
    cabometyx lenvima fotivda jakafi jakavi inrebic hydrea xospata rydapt vidaza dacogen
    onureg idhifa tibsovo polivy adcetris padcev trodelvy elahere
    neupogen neulasta zarzio nivestim aranesp eprex neorecormon mircera retacrit exjade
    jadenu ferriprox desferal ferinject venofer monofer cosmofer ferrlecit maltofer
    ferrograd fefol pregaday konakion cyklokapron hemlibra feiba advate elocta alprolix
    refacto benefix idelvion soliris ultomiris empaveli livogen dexorange becosules neurobion
    shelcal calcirol ostelin caltrate
    eltroxin synthroid levoxyl euthyrox oroxine tapazole neo-mercazole thyronorm solu-cortef
    solu-medrol depo-medrol kenalog medrol florinef ddavp minirin sandostatin somatuline
    signifor cabaser dostinex norditropin genotropin humatrope omnitrope premarin prempro
    estrogel oestrogel sandrena evorel estradot climara divigel vagifem ovestin utrogestan
    prometrium duphaston provera primolut microgynon   marvelon femodene
    cilest rigevidon loestrin microlut cerazette noriday levonelle ellaone postinor kyleena
    jaydess skyla nuvaring clomid serophene gonal-f menopur cetrotide orgalutran ovitrelle
    crinone cyclogest androgel testogel nebido sustanon reandron viagra cialis levitra
    spedra propecia proscar avodart flomax flomaxtra duodart vesicare detrusitol ditropan
    betmiga myrbetriq toviaz dexona betnesol wysolone omnacortil
    eylea lucentis beovu vabysmo ozurdex iluvien xalatan travatan lumigan timoptol cosopt
    azopt trusopt alphagan combigan simbrinza ganfort xalacom vyzulta rhopressa restasis
    ikervis xiidra systane protopic elidel dovonex daivobet enstilar diprosone betnovate
    dermovate elocon eumovate locoid advantan cutivate trimovate daktacort fucidin fucibet
    bactroban aldara efudix zyclara differin epiduo duac dalacin roaccutane accutane isotane
    oratane soolantra rozex finacea mirvaso regaine rogaine xiapex
    shingrix zostavax gardasil cervarix prevnar prevenar pneumovax synflorix vaxneuvance
    apexxnar infanrix boostrix adacel repevax revaxis pediacel hexaxim vaxelis bexsero
    trumenba menveo nimenrix menquadfi menactra engerix twinrix havrix vaqta avaxim typhim
    vivotif rotarix rotateq priorix mmrvaxpro varivax varilrix proquad ixiaro qdenga
    dengvaxia stamaril vaxchora dukoral imovax rabipur verorab fluarix fluzone flucelvax
    fluad vaxigrip afluria comirnaty spikevax vaxzevria nuvaxovid covishield covaxin abrysvo
    arexvy beyfortus synagis mresvia
    emerade anapen jext glucagen baqsimi nyxoid prenoxad anexate parvolex acetadote veltassa
    renvela renagel fosrenol phoslo mimpara sensipar zemplar one-alpha rocaltrol diprivan
    ketalar hypnovel sublimaze ultiva esmeron zemuron bridion anectine scoline tracrium
    nimbex marcaine chirocaine naropin xylocaine emla ametop instillagel levophed aramine
    dobutrex precedex dexdor volulyte botox allegra levocet cetzine avil benadryl zyrtec
    claritin clarityn telfast aerius xyzal piriton polaramine sudafed otrivin flixonase
    nasonex avamys beconase rhinocort dymista
    acticoat actisorb iodosorb intrasite purilon urgotul atrauman opsite cavilon steri-strip
    leukosan prontosan octenilin biatain comfeel bioclusive cutimed sorbact medihoney
    activon algivon aquaform flaminal tubifast
    mestinon prothrombinex beriplex octaplex kcentra praxbind andexxa ondexxya keppra lasix
    frusemide insulatard neomercazole carbimazole deltacortril narcan lamotrigine sinemet
    madopar duodopa humira stelara keytruda zytiga meronem movicol buscopan zofran gaviscon
    epipen spinraza zolgensma nplate pabrinex intralipid plasmalyte gelofusine voluven albumex
    novoseven actilyse metalyse integrilin aggrastat angiomax pretomanid priftin rimstar kivexa
    apretude evusheld ronapreve kapanol ibugesic mobic breo bretaris serevent oxis foradil
    asmol berodual combivent duolin
    """.split()
)

# What follows a brand as part of its name ("Augmentin Duo Forte", "Trelegy Ellipta",
# "Aquacel Ag", "Lantus SoloStar"): forms, strengths and devices. Lower case.
BRAND_PARTS: Final = frozenset(
    """
    forte duo retard plus xl xr sr cr la mr er od depot junior infant extra max rapid soluble
    syrup elixir ellipta turbuhaler accuhaler diskus evohaler respimat handihaler breezhaler
    genuair nexthaler easyhaler spiromax flexpen kwikpen solostar penfill novopen flextouch
    sureclick autoinjector ag foam extra lite gel cream flex border thin silver adhesive
    """.split()
)

# Makers of medicines, vaccines, devices and analysers. Lower case, one or more words.
MAKERS_MORE: Final = frozenset(
    """
    pfizer novartis sanofi gsk glaxosmithkline astrazeneca msd bayer boehringer ingelheim
    takeda amgen biogen abbvie gilead janssen moderna biontech novavax regeneron vertex
    alexion ipsen servier menarini chiesi grifols octapharma seqirus hikma sandoz teva mylan
    viatris apotex cipla lupin glenmark zydus cadila aurobindo torrent intas alkem sinovac
    sinopharm beximco wockhardt ranbaxy biocon emcure macleods ajanta ipca eisai daiichi
    sankyo astellas otsuka shionogi chugai celltrion hanmi yuhan lundbeck ferring
    gedeon krka polpharma zentiva stada hexal ratiopharm mundipharma grunenthal grünenthal
    almirall ucb galderma allergan alcon santen haleon reckitt incyte alnylam sobi biomarin
    shire baxalta kedrion mallinckrodt purdue perrigo organon upjohn wyeth searle squibb
    genentech seagen beigene hengrui
    medtronic biotronik dexcom insulet medtrum resmed stryker depuy synthes teleflex terumo
    olympus fujifilm pentax siemens mindray dräger drager maquet getinge respironics sysmex
    beckman biomérieux biomerieux cepheid hologic qiagen illumina werfen radiometer hemocue
    alere quidel ypsomed ottobock invacare livanova abiomed microport
    abbott roche lilly merck baxter fresenius philips edwards bard cook braun smiths
    """.split()
) | frozenset(
    (
        "eli lilly", "novo nordisk", "leo pharma", "sun pharma", "dr reddy's", "dr reddys",
        "bharat biotech", "bharat serums", "serum institute", "biological e", "boston scientific",
        "st jude", "edwards lifesciences", "zimmer biomet", "smith & nephew", "smith and nephew",
        "b. braun", "b braun", "becton dickinson", "ge healthcare", "fisher & paykel",
        "beckman coulter", "roche diagnostics", "siemens healthineers", "thermo fisher",
        "bio-rad", "fresenius kabi", "johnson & johnson", "bristol myers squibb",
        "bristol-myers squibb", "samsung bioepis", "mitsubishi tanabe", "square pharma",
        "cook medical", "smiths medical", "fisher and paykel",
    )
)  # fmt: skip
# Makers that are also common surnames or words: read as a maker only beside a product.
MAKERS_COMMON: Final = frozenset(
    "abbott roche lilly merck baxter fresenius philips edwards bard cook braun smiths "
    "siemens stryker olympus".split()
)
# Words that end the name of a maker of medicines ("Bharat Serums", "Sun Pharma").
MAKER_FORMS: Final = frozenset(
    "serums pharma pharmaceuticals pharmaceutical biologicals biologics biotech "
    "laboratories labs therapeutics vaccines lifesciences diagnostics bioproducts biopharma "
    "biopharmaceuticals remedies drugs medicals biosciences".split()
)

# Eponyms of operations, classifications, grades, cells, granules, signs and regimens that
# the older lists lack. Lower case; hyphenated ones as written.
EPONYMS_MORE: Final = frozenset(
    """
    swenson soave duhamel kasai ramstedt toupet lichtenstein shouldice
    bassini stoppa puestow beger billroth roux-en-y mckeown senning
    jatene fontan blalock-taussig bentall yacoub ravitch nuss sistrunk milligan-morgan
    altemeier delorme mikulicz ripstein burch moschcowitz joel-cohen misgav-ladach b-lynch
    lich-gregoir politano-leadbetter boari mitrofanoff anderson-hynes bricker
    latarjet bankart putti-platt weaver-dunn girdlestone
    brostrom broström chrisman-snook krackow ilizarov kirschner steinmann
    magerl cloward pemberton caldwell-luc
    lauge-hansen danis-weber gustilo tscherne pauwels frykman letournel judet
    young-burgess essex-lopresti tillaux chopart maisonneuve hill-sachs
    galeazzi neer salter-harris seinsheimer mirels
    balthazar ranson bismuth strasberg siewert clavien-dindo clavien
    bclc fuhrman isup spetzler-martin hunt-hess wfns hoehn hoehn-yahr hurley meggitt
    borrmann savary-miller zargar kimura-takemoto knodell ishak metavir batts-ludwig
    scheuer kleiner geboes oberhuber marsh-oberhuber beighton
    khorana pesi caprini
    whitesides zuspan
    birbeck auer dutcher howell-jolly pappenheimer döhle dohle
    pelger-huet pelger-huët call-exner schiller-duval michaelis-gutmann negri guarnieri
    cowdry lewy hirano lafora aschoff anitschkow reed-sternberg verocay
    flexner-wintersteiner touton langhans splendore-hoeppli civatte kamino weibel-palade
    charcot-leyden curschmann creola psammoma
    gamow rumack-matthew kaplan-meier debakey
    bland-altman bonferroni wilcoxon mann-whitney kruskal-wallis
    dunning-kruger yerkes-dodson broselow macintosh miller guedel magill hudson venturi
    bolam bolitho gillick sidaway tarasoff caldicott cruzan quinlan schiavo nobel lasker
    """.split()
)
# Of the eponyms above, those that are also common surnames: named things only beside another
# eponym in a list ("Swenson, Soave or Duhamel"), before a grade or a named thing's word.
EPONYM_SURNAMES: Final = frozenset(
    """
    swenson mckeown hurley negri guarnieri auer yacoub ishak khorana zargar lichtenstein
    kirschner steinmann burch pemberton balthazar ranson strasberg fuhrman delorme hirano
    kasai kleiner duhamel toupet soave stoppa beger bricker nuss fontan bentall senning
    macintosh miller hudson venturi magill
    judet neer scheuer dutcher lewy touton birbeck creola ramstedt bassini
    """.split()
)
# Eponyms written as several words: a run made of one of these is a named thing.
EPONYM_RUNS: Final = frozenset(
    (
        "sister mary joseph", "ivor lewis", "blalock taussig", "le fort", "denis browne",
        "grey turner", "kaplan meier", "roux en y", "mary joseph", "rumack matthew",
        "king's college", "kings college", "hunt hess", "hoehn yahr", "salter harris",
    )
)  # fmt: skip

# Public figures of medicine, psychology, statistics and the safety sciences that clinicians
# cite by surname; read as named things unless a title, a relative, an age or a person's verb
# is beside them. Lower case.
PUBLIC_FIGURES: Final = frozenset(
    """
    kahneman tversky croskerry gawande mukherjee kalanithi topol groopman verghese gigerenzer
    ioannidis goldacre donabedian hollnagel dekker berwick deming sackett guyatt
    semmelweis hippocrates galen avicenna maimonides paracelsus vesalius auenbrugger morgagni
    kraepelin bleuler esquirol pinel kanner winnicott bowlby piaget maslow pavlov milgram
    zimbardo bandura seligman festinger freud jung adler skinner erikson rogers
    jenner pasteur ehrlich florey banting salk sabin cajal golgi sherrington penfield halsted
    flexner papanicolaou röntgen roentgen laennec corvisart bichat broca lejeune mendel
    doudna starzl forssmann cournand gruentzig grüntzig dotter hounsfield damadian lauterbur
    marmot illich foucault goffman rawls beauchamp childress gillon kübler-ross kubler-ross
    fauci tedros walensky whitty vallance van-tam bourla bancel    kariko
    karikó weissman gottlieb redfield farrar
    nightingale seacole lister saunders farmer sacks snow harvey hunter koch fleming curie
    osler
    """.split()
)
# Of these, the ones that are also common surnames or words need a work named after them
# ("Snow's map", "the Harvey lecture"), not their name alone.
FIGURES_COMMON: Final = frozenset(
    "lister saunders farmer sacks snow harvey hunter koch fleming curie rogers jung adler "
    "skinner erikson berwick deming dekker osler galen gawande mukherjee verghese topol "
    "sackett mendel sabin dotter florey nightingale beauchamp childress gillon seligman "
    "banting jenner salk ioannidis broca pinel marmot pavlov halsted kanner guyatt tedros "
    "collins macleod gottlieb farrar weissman".split()
)

# Clipped and adjectival names of specialties and services ("someone from Endo", "Paediatric
# surgery:", "referred to Memory Clinic", "the Infection Control meeting"). Lower case.
SERVICE_PARTS: Final = frozenset(
    """
    endo endocrine gastro paeds peds rheum rheumatology derm derma dermatology neuro neurology
    ortho orthopaedic orthopedic cardio cardiac cardiology resp respiratory renal haem heme
    haematology onc oncology uro urology gynae gyn obs obstetric psych psychiatry geri
    geriatric geriatrics paediatric pediatric neonatal surgical medical general vascular
    plastics ent icu micro microbiology virology infection infectious control prevention
    memory falls pain stroke sleep continence stoma wound tissue viability diabetes diabetic
    heart failure lung bone fracture liaison outreach rapid access acute community mental
    health clinic clinics team service services unit department dept meeting committee
    board huddle governance safety quality audit pharmacy physiotherapy dietetics nutrition
    palliative hospice care specialist nurse nursing practice antimicrobial stewardship
    transfusion anticoagulation lipid hypertension epilepsy movement disorders allergy
    immunology haemophilia sexual genitourinary gum contraception fertility antenatal
    postnatal maternity neonatology radiology imaging pathology histopathology cytology
    endoscopy bronchoscopy colposcopy spinal trauma burns hand foot ankle knee hip shoulder
    spine breast colorectal upper lower gi hepatobiliary hpb transplant dialysis critical
    intensive emergency urgent ambulatory day medicine surgery theatres recovery patient
    patients flow experience discharge bed management tissue infections prevention
    """.split()
)

# Genera of reservoirs and vectors clinicians name with a capital ("Pteropus for Nipah,
# Mastomys for Lassa", "Glossina bites"), and organisms the older lists lack. Lower case.
ANIMAL_GENERA: Final = frozenset(
    """
    pteropus rousettus eidolon epomophorus hypsignathus desmodus tadarida myotis eptesicus
    rhinolophus mastomys rattus peromyscus sigmodon calomys apodemus myodes microtus
    bandicota suncus glossina simulium phlebotomus lutzomyia triatoma rhodnius panstrongylus
    chrysops biomphalaria bulinus oncomelania lymnaea cimex xenopsylla ornithodoros
    amblyomma hyalomma haemaphysalis rhipicephalus leptotrombidium mansonia haemagogus
    tropheryma ehrlichia orientia leptotrichia capnocytophaga pasteurella eikenella
    kingella cardiobacterium aggregatibacter granulicatella abiotrophia erysipelothrix
    nocardia rhodococcus tsukamurella gordonia dermatobia cordylobia cochliomyia
    """.split()
)

# Institutions cited as a source of knowledge ("Johns Hopkins published", "the Stanford
# protocol", "a Harvard Medical School course"): named things before a word of knowledge or a
# verb of publishing; a patient's hospital everywhere else. Lower case.
CITED_INSTITUTIONS: Final = frozenset(
    """
    johns hopkins harvard stanford karolinska mayo cleveland anderson kettering sloan yale
    ucsf ucla penn columbia duke vanderbilt emory mcgill sickkids oxford cambridge imperial
    ucl lshtm kcl moorfields marsden charité charite pasteur institutet vellore tata aiims
    pgimer manipal baylor mount sinai brigham dana-farber farber scripps salk
    """.split()
)
# What a professional body is "of": "the Royal College of Physicians", "the Society of
# Critical Care Medicine", "the Faculty of Intensive Care Medicine". Lower case.
BODY_WORDS: Final = frozenset(
    "royal college colleges society association academy faculty federation council board "
    "american british european australian australasian canadian indian international world "
    "national chartered institute".split()
)
BODY_OF: Final = frozenset(
    """physicians surgeons nursing nurses midwives obstetricians gynaecologists psychiatrists
    radiologists anaesthetists anesthetists anesthesiologists paediatrics pediatrics
    paediatricians pathologists ophthalmologists general emergency intensive critical public
    occupational sports family dermatologists cardiology medicine medical clinical pharmacy
    pharmacists dentists dental podiatrists physiotherapy speech radiology psychiatry
    surgery anaesthesia anesthesia health nutrition dietetics""".split()
)

# Forms of medicines: a capitalised word before one is a medicine ("Zorvex tablets"). Lower
# case.
CUE_WORDS: Final = frozenset(
    """puff puffs tablet tablets tabs capsule capsules injection injections infusion
    inhaler drops ointment sachet sachets syrup suspension vial vials ampoule ampoules
    autoinjector auto-injector""".split()
)
# Genes and enzymes named without a digit ("EGFR-mutant", "via TPMT"). Lower case.
GENES: Final = frozenset("egfr kras nras braf alk kit cftr tpmt dpyd her2 ros1 mthfr g6pd".split())

# Countries, nations of the United Kingdom and self-governing territories: no identifier of a
# patient by themselves (HIPAA counts places smaller than a state). Those that are also a city
# (Singapore, Kuwait, Djibouti...) or a common first name (Jordan, Chad, Georgia) are left out.
COUNTRIES: Final = frozenset(
    """
    afghanistan albania algeria angola argentina armenia australia austria azerbaijan
    bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia
    bosnia botswana brazil brunei bulgaria burkina burundi cambodia cameroon canada
    chile china colombia comoros congo croatia cuba cyprus czechia denmark dominica ecuador
    egypt eritrea estonia eswatini swaziland ethiopia fiji finland france gabon gambia
    germany ghana greece grenada guyana haiti honduras hungary iceland indonesia iran iraq
    ireland israel italy jamaica japan kazakhstan kenya kiribati kosovo kyrgyzstan laos
    latvia lesotho liberia libya lithuania madagascar malawi malaysia maldives mali malta
    mauritania mauritius micronesia moldova mongolia montenegro morocco mozambique myanmar
    burma namibia nauru nepal netherlands holland nicaragua niger nigeria norway oman pakistan
    palau palestine paraguay peru philippines poland portugal qatar romania russia rwanda
    samoa senegal serbia seychelles slovakia slovenia somalia somaliland spain sudan
    suriname sweden switzerland syria taiwan tajikistan tanzania thailand togo tonga
    trinidad tunisia turkey türkiye turkmenistan tuvalu uganda ukraine uruguay uzbekistan
    vanuatu venezuela vietnam yemen zambia zimbabwe england scotland wales greenland
    kurdistan tibet vietnam timor-leste
    """.split()
) | frozenset(
    (
        "south africa", "south sudan", "sri lanka", "new zealand", "saudi arabia",
        "united arab emirates", "united kingdom", "united states", "north korea", "south korea",
        "costa rica", "el salvador", "papua new guinea", "sierra leone", "ivory coast",
        "côte d'ivoire", "dominican republic", "czech republic", "north macedonia",
        "burkina faso", "cape verde", "equatorial guinea", "solomon islands", "marshall islands",
        "east timor", "northern ireland", "puerto rico", "the gambia", "the philippines",
        "the netherlands", "the uk", "the usa", "the us", "the uae", "the drc",
    )
)  # fmt: skip
# Words that make the capitalised word after them a language, a strain or a calendar.
LANGUAGE_BEFORE: Final = ("speaks", "speak", "spoke", "speaking", "understands", "fluent in")
STRAIN_BEFORE: Final = frozenset(
    "serovar serotype serogroup strain variant subtype genotype clade lineage biovar".split()
)
