"""The privacy policy with its generated sections (data held, purposes and legal bases,
recipients, transfers, retention, rights): what 0003 puts in place of the seeded 2026.1 text.

Each pair replaces a paragraph of the seeded text (`_initial_texts`) whose facts are now
generated from the personal-data declarations, so no period is typed by hand: a marker line
("[data]") or an inline "[period:<rule>]" (see legal/rendering.py)."""

from legal.migrations import _initial_texts as seeded

ROLE = {
    "en": (
        "For the public website and for requests about personal data, Perfony SAS is the "
        "controller. In an extranet, the customer company decides what its extranet is used "
        "for: Perfony processes its members' data on the company's behalf, as its processor "
        "(GDPR Art. 28), and is controller only for the security of the service and for "
        "handling your requests. Each kind of data below says where it is held."
    ),
    "nl": (
        "Voor de openbare website en voor verzoeken over persoonsgegevens is Perfony SAS de "
        "verwerkingsverantwoordelijke. In een extranet beslist het klantbedrijf waarvoor het "
        "extranet dient: Perfony verwerkt de gegevens van de leden namens dat bedrijf, als "
        "verwerker (AVG art. 28), en is alleen verantwoordelijke voor de beveiliging van de dienst "
        "en voor de behandeling van uw verzoeken. Bij elk soort gegevens hieronder staat waar het "
        "wordt bewaard."
    ),
    "fr": (
        "Pour le site public et pour les demandes relatives aux données personnelles, Perfony SAS "
        "est responsable du traitement. Dans un extranet, la société cliente décide de l'usage de "
        "son extranet : Perfony traite les données de ses membres pour son compte, en tant que "
        "sous-traitant (RGPD art. 28), et n'est responsable que de la sécurité du service et du "
        "traitement de vos demandes. Chaque type de données ci-dessous indique où il est conservé."
    ),
}

REPLACEMENTS = {
    "en": [
        (
            "Our website may link to other websites.",
            ROLE["en"] + "\n\nOur website may link to other websites.",
        ),
        (
            "We keep personal data only as long as the purpose requires, within legal limits. "
            "Customers' data is kept for the contract and 3 years after it ends. Prospects' data "
            "is kept 3 years from their last contact with us. Applicants' data is kept 2 years, "
            "unless we hire them; then it is kept for the employment and 3 years after it. An "
            "automatic job deletes data when its period ends. No cookie we set lives longer than "
            "100 days.",
            "We keep personal data only as long as the purpose requires, within legal limits. "
            "An automatic job deletes data when its period ends. The periods below, with the "
            "reason for each, are generated from the rules that job applies, so this page and "
            "the deletions cannot disagree. No cookie we set lives longer than "
            "[period:consent_cookie].",
        ),
        (
            "When you use a customer extranet, ask for information or have an account created, "
            "we may collect: your first and last name, email address, telephone number, company "
            "name, postal address, professional information (position, function, sector) and the "
            "photo of your avatar.",
            "When you use a customer extranet, ask for information, apply for a job or have an "
            "account created, we hold the data listed below, and nothing else.\n\n[data]",
        ),
        (
            "We use customer data to provide the service you asked for. When you fill in the "
            "contact form, for example, we use what you give us to answer you.",
            "We use customer data to provide the service you asked for. When you fill in the "
            "contact form, for example, we use what you give us to answer you. Each purpose, and "
            "the legal basis on which we rely for it (GDPR Art. 6), is listed here; where we rely "
            "on a legitimate interest, it is named, and you may object to it (section 8).\n\n"
            "[purposes]",
        ),
        (
            "Your choice is valid for at most 100 days,",
            "Your choice is valid for at most [period:consent_cookie],",
        ),
        (
            "A payment service provider processes direct debits on our behalf and may only use "
            "billing data for that purpose.\n\nWe may disclose data when the law requires it or "
            "to protect our rights in legal proceedings.",
            "These are the only recipients of personal data, and what reaches each of them:"
            "\n\n[recipients]",
        ),
        (
            "we use the safeguards the GDPR requires.",
            "we use the safeguards the GDPR requires.\n\n[transfers]",
        ),
        (
            "Extranet users can see and correct their profile in their extranet's preferences. "
            "You can also ask us for a copy of your data, which we provide as a file you can "
            "download, ask for corrections, object to marketing, or ask us to erase your data. "
            "We may keep some data when the law obliges us to; we tell you which and why.",
            "You have the following rights; we answer within one month.\n\n[rights]",
        ),
    ],
    "nl": [
        (
            "Onze website kan naar andere websites verwijzen.",
            ROLE["nl"] + "\n\nOnze website kan naar andere websites verwijzen.",
        ),
        (
            "Wij bewaren persoonsgegevens niet langer dan het doel vereist, binnen de wettelijke "
            "grenzen. Gegevens van klanten worden bewaard tijdens het contract en 3 jaar daarna. "
            "Gegevens van prospecten worden 3 jaar bewaard na hun laatste contact met ons. "
            "Gegevens van sollicitanten worden 2 jaar bewaard, tenzij wij hen aannemen; dan "
            "worden ze bewaard tijdens het dienstverband en 3 jaar daarna. Een automatische taak "
            "verwijdert gegevens wanneer hun termijn verstrijkt. Geen enkele cookie die wij "
            "plaatsen, leeft langer dan 100 dagen.",
            "Wij bewaren persoonsgegevens niet langer dan het doel vereist, binnen de wettelijke "
            "grenzen. Een automatische taak verwijdert gegevens wanneer hun termijn verstrijkt. "
            "De termijnen hieronder, elk met de reden ervan, worden gemaakt uit de regels die "
            "deze taak toepast, zodat deze pagina en de verwijderingen niet van elkaar kunnen "
            "afwijken. Geen enkele cookie die wij plaatsen, leeft langer dan "
            "[period:consent_cookie].",
        ),
        (
            "Wanneer u een klantextranet gebruikt, informatie vraagt of een account laat "
            "aanmaken, kunnen wij verzamelen: uw voor- en achternaam, e-mailadres, "
            "telefoonnummer, bedrijfsnaam, postadres, professionele informatie (positie, functie, "
            "sector) en de foto van uw avatar.",
            "Wanneer u een klantextranet gebruikt, informatie vraagt, solliciteert of een account "
            "laat aanmaken, bewaren wij de gegevens hieronder, en niets anders.\n\n[data]",
        ),
        (
            "Wij gebruiken klantgegevens om de gevraagde dienst te leveren. Als u bijvoorbeeld "
            "het contactformulier invult, gebruiken wij wat u ons geeft om u te antwoorden.",
            "Wij gebruiken klantgegevens om de gevraagde dienst te leveren. Als u bijvoorbeeld "
            "het contactformulier invult, gebruiken wij wat u ons geeft om u te antwoorden. Elk "
            "doel en de rechtsgrond waarop wij ons ervoor baseren (AVG art. 6) staan hier; "
            "wanneer wij ons op een gerechtvaardigd belang baseren, wordt dat belang genoemd en "
            "kunt u er bezwaar tegen maken (punt 8).\n\n[purposes]",
        ),
        (
            "Uw keuze geldt hoogstens 100 dagen,",
            "Uw keuze geldt hoogstens [period:consent_cookie],",
        ),
        (
            "Een betaaldienstverlener verwerkt automatische incasso's in onze naam en mag de "
            "factureringsgegevens alleen daarvoor gebruiken.\n\nWij kunnen gegevens bekendmaken "
            "wanneer de wet dat vereist of om onze rechten in een gerechtelijke procedure te "
            "beschermen.",
            "Dit zijn de enige ontvangers van persoonsgegevens, en wat elk van hen ontvangt:"
            "\n\n[recipients]",
        ),
        (
            "gebruiken wij de waarborgen die de AVG vereist.",
            "gebruiken wij de waarborgen die de AVG vereist.\n\n[transfers]",
        ),
        (
            "Extranetgebruikers kunnen hun profiel bekijken en verbeteren in de voorkeuren van "
            "hun extranet. U kunt ons ook vragen om een kopie van uw gegevens, die wij leveren als "
            "een bestand dat u kunt downloaden, om verbeteringen vragen, bezwaar maken tegen "
            "marketing of vragen uw gegevens te wissen. Sommige gegevens kunnen wij bewaren "
            "wanneer de wet ons daartoe verplicht; wij zeggen u welke en waarom.",
            "U hebt de volgende rechten; wij antwoorden binnen een maand.\n\n[rights]",
        ),
    ],
    "fr": [
        (
            "Notre site peut contenir des liens vers d'autres sites.",
            ROLE["fr"] + "\n\nNotre site peut contenir des liens vers d'autres sites.",
        ),
        (
            "Nous ne conservons les données personnelles que le temps nécessaire à leur "
            "finalité, dans les limites légales. Les données des clients sont conservées pendant "
            "le contrat et 3 ans après sa fin. Celles des prospects, 3 ans à compter de leur "
            "dernier contact avec nous. Celles des candidats, 2 ans, sauf s'ils sont recrutés ; "
            "elles sont alors conservées pendant l'emploi et 3 ans après. Une tâche automatique "
            "supprime les données à l'échéance. Aucun cookie que nous déposons ne dure plus de "
            "100 jours.",
            "Nous ne conservons les données personnelles que le temps nécessaire à leur "
            "finalité, dans les limites légales. Une tâche automatique supprime les données à "
            "l'échéance. Les durées ci-dessous, chacune avec sa justification, sont générées à "
            "partir des règles que cette tâche applique : cette page et les suppressions ne "
            "peuvent pas diverger. Aucun cookie que nous déposons ne dure plus de "
            "[period:consent_cookie].",
        ),
        (
            "Lorsque vous utilisez un extranet client, demandez des informations ou faites créer "
            "un compte, nous pouvons collecter : vos nom et prénom, adresse e-mail, numéro de "
            "téléphone, nom de société, adresse postale, informations professionnelles (poste, "
            "fonction, secteur) et la photo de votre avatar.",
            "Lorsque vous utilisez un extranet client, demandez des informations, posez votre "
            "candidature ou faites créer un compte, nous conservons les données ci-dessous, et "
            "rien d'autre.\n\n[data]",
        ),
        (
            "Nous utilisons les données clients pour fournir le service demandé. Si vous "
            "remplissez le formulaire de contact, par exemple, nous utilisons ce que vous nous "
            "donnez pour vous répondre.",
            "Nous utilisons les données clients pour fournir le service demandé. Si vous "
            "remplissez le formulaire de contact, par exemple, nous utilisons ce que vous nous "
            "donnez pour vous répondre. Chaque finalité et la base légale sur laquelle elle "
            "repose (RGPD art. 6) figurent ici ; lorsque nous nous fondons sur un intérêt "
            "légitime, il est nommé, et vous pouvez vous y opposer (point 8).\n\n[purposes]",
        ),
        (
            "Votre choix vaut au plus 100 jours,",
            "Votre choix vaut au plus [period:consent_cookie],",
        ),
        (
            "Un prestataire de paiement traite les prélèvements en notre nom et ne peut utiliser "
            "les données de facturation qu'à cette fin.\n\nNous pouvons communiquer des données "
            "lorsque la loi l'exige ou pour défendre nos droits en justice.",
            "Voici les seuls destinataires de données personnelles, et ce que chacun reçoit :"
            "\n\n[recipients]",
        ),
        (
            "nous utiliserions les garanties exigées par le RGPD.",
            "nous utiliserions les garanties exigées par le RGPD.\n\n[transfers]",
        ),
        (
            "Les utilisateurs des extranets peuvent consulter et corriger leur profil dans les "
            "préférences de leur extranet. Vous pouvez aussi nous demander une copie de vos "
            "données, fournie sous forme de fichier à télécharger, demander des corrections, vous "
            "opposer à la prospection ou demander l'effacement de vos données. Nous pouvons "
            "conserver certaines données lorsque la loi nous y oblige ; nous vous disons "
            "lesquelles et pourquoi.",
            "Vous disposez des droits suivants ; nous répondons dans un délai d'un mois.\n\n"
            "[rights]",
        ),
    ],
}


def generated(language: str) -> str:
    text = getattr(seeded, f"PRIVACY_{language.upper()}")
    for old, new in REPLACEMENTS[language]:
        if old not in text:
            raise ValueError(f"{language}: seeded paragraph not found: {old[:60]}")
        text = text.replace(old, new, 1)
    return text
