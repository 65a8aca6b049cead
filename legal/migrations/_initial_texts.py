"""Texts of the first policy versions, seeded by 0002_seed_initial_versions. Kept in the
migrations package (the leading underscore keeps the loader away) so the migration does not
depend on code that may change later."""

PRIVACY_EN = """## 1. Introduction

This policy explains how Perfony SAS handles personal data on its public website www.perfony.com and on the customer extranets at <company>.iperfony.com, and which rights you have. It applies the General Data Protection Regulation (GDPR) and the French data protection act.

Our website may link to other websites. We are not responsible for what they do with data; please read their own policies.

## 2. Security, storage and retention

Personal data is stored in our PostgreSQL databases. Every connection to the website and to the extranets is encrypted with TLS, and browsers are told to use encrypted connections only.

Each customer company has its own extranet with its own address and its own database schema. A request made on one extranet cannot read another extranet's data, and its sign-in cookies are only sent to that extranet.

Each user signs in with their own username and password. Passwords are stored only as Argon2 hashes, never in readable form. Our servers are protected by a firewall.

We keep personal data only as long as the purpose requires, within legal limits. Customers' data is kept for the contract and 3 years after it ends. Prospects' data is kept 3 years from their last contact with us. Applicants' data is kept 2 years, unless we hire them; then it is kept for the employment and 3 years after it. An automatic job deletes data when its period ends. No cookie we set lives longer than 100 days.

[retention]

## 3. Data we collect

You can visit the public website without identifying yourself or giving any personal data.

When you use a customer extranet, ask for information or have an account created, we may collect: your first and last name, email address, telephone number, company name, postal address, professional information (position, function, sector) and the photo of your avatar.

To improve our service and observe the quality of meetings and action plans, we regularly invite users and contacts to answer short surveys. Answering is optional.

## 4. How we use the data

We use customer data to provide the service you asked for. When you fill in the contact form, for example, we use what you give us to answer you.

With your consent, given by ticking a box that is never ticked in advance, we send you news about Perfony, its events and offers. Every such email has a one-click unsubscribe link.

We use information about your visits to run and improve the website. Our own visitor statistics count visits per country and per day; they do not keep your IP address.

If you recommend Perfony to a friend, we ask for the friend's name and email address, send them exactly one invitation, and store neither.

We publish a list of customers and testimonials only after the person concerned has consented through a personal link, and they can withdraw that consent with a link at any time, which removes the testimonial at once.

## 5. Cookies

Cookies are small files that a website stores in your browser. Our cookie policy lists every cookie and script the site can use, by category, with its purpose and lifetime; the list is generated from the register the site itself enforces.

Strictly necessary cookies keep you signed in, protect forms against forgery and remember your cookie choice. Every other category (preferences, audience measurement, third-party analytics, advertising) is off until you switch it on, and no script of a category runs before that. "Reject all" is as easy as "Accept all", and closing the banner counts as a refusal. If your browser sends the Global Privacy Control signal, third-party analytics and advertising stay refused unless you switch them on yourself.

Your choice is valid for at most 100 days, after which we ask again; we also ask again when our cookie policy changes. You can change or withdraw your choice at any time with the "Cookie settings" link at the bottom of every page; withdrawing deletes the optional cookies we had set.

We keep a proof of each choice: its time, the choice per category, the policy version, a fingerprint of the text you were shown, your IP address shortened to its network (the last part removed) and your browser's name. When you are signed in to an extranet, the proof is kept in that extranet's own database schema with your account.

We record the IP address of extranet users when they sign in, as part of the security features.

## 6. Sharing personal data

We do not sell, rent or otherwise hand over your personal data for others' marketing.

Occasionally we make joint offers with partners. We share your contact details with a partner only if you ticked the box that allows it; that box is never ticked in advance, and you can object at any time. Each export to partners is logged.

You can withdraw a consent or object to the use of your data for marketing at any time: by the unsubscribe link in our emails, by writing to Perfony SAS, 91 rue du Faubourg Saint Honoré, 75008 Paris, or by email to contact@perfony.com. Once you object, your address goes on a suppression list so that we never write to you for marketing again.

A payment service provider processes direct debits on our behalf and may only use billing data for that purpose.

We may disclose data when the law requires it or to protect our rights in legal proceedings.

## 7. Transfers

Our databases are hosted in the European Union. If personal data is ever transferred outside the European Economic Area, this policy still applies, and we use the safeguards the GDPR requires.

## 8. Your rights and access to your data

Extranet users can see and correct their profile in their extranet's preferences. You can also ask us for a copy of your data, which we provide as a file you can download, ask for corrections, object to marketing, or ask us to erase your data. We may keep some data when the law obliges us to; we tell you which and why.

To exercise these rights, contact us:

- By post: Perfony SAS, 91 rue du Faubourg Saint Honoré, 75008 Paris, France
- By email: contact@perfony.com
- By telephone: +33 1 55 43 76 95

You may also complain to the French data protection authority (CNIL).

## 9. Data protection officer and changes to this policy

Perfony has appointed a data protection officer (DPO), who checks that Perfony complies with the GDPR and has the means to do so. You can reach the DPO at contact@perfony.com, by post at Perfony SAS, 91 rue du Faubourg Saint Honoré, 75008 Paris, France, or by telephone at +33 1 55 43 76 95.

We may change this policy. A material change is announced on our websites and by email to every extranet user at least 30 French working days before it takes effect; until then, this page shows the new version beside the current one."""

PRIVACY_NL = """## 1. Inleiding

Dit beleid legt uit hoe Perfony SAS persoonsgegevens verwerkt op de openbare website www.perfony.com en op de klantextranetten op <bedrijf>.iperfony.com, en welke rechten u hebt. Het past de Algemene Verordening Gegevensbescherming (AVG) en de Franse wet op de gegevensbescherming toe.

Onze website kan naar andere websites verwijzen. Wij zijn niet verantwoordelijk voor wat die met gegevens doen; lees hun eigen beleid.

## 2. Beveiliging, opslag en bewaring

Persoonsgegevens worden opgeslagen in onze PostgreSQL-databanken. Elke verbinding met de website en de extranetten is versleuteld met TLS, en browsers krijgen de opdracht alleen versleutelde verbindingen te gebruiken.

Elk klantbedrijf heeft een eigen extranet met een eigen adres en een eigen databankschema. Een verzoek op het ene extranet kan de gegevens van een ander extranet niet lezen, en de aanmeldcookies worden alleen naar dat extranet gestuurd.

Elke gebruiker meldt zich aan met een eigen gebruikersnaam en wachtwoord. Wachtwoorden worden alleen als Argon2-hash bewaard, nooit leesbaar. Onze servers worden beschermd door een firewall.

Wij bewaren persoonsgegevens niet langer dan het doel vereist, binnen de wettelijke grenzen. Gegevens van klanten worden bewaard tijdens het contract en 3 jaar daarna. Gegevens van prospecten worden 3 jaar bewaard na hun laatste contact met ons. Gegevens van sollicitanten worden 2 jaar bewaard, tenzij wij hen aannemen; dan worden ze bewaard tijdens het dienstverband en 3 jaar daarna. Een automatische taak verwijdert gegevens wanneer hun termijn verstrijkt. Geen enkele cookie die wij plaatsen, leeft langer dan 100 dagen.

[retention]

## 3. Gegevens die wij verzamelen

U kunt de openbare website bezoeken zonder u bekend te maken of persoonsgegevens te geven.

Wanneer u een klantextranet gebruikt, informatie vraagt of een account laat aanmaken, kunnen wij verzamelen: uw voor- en achternaam, e-mailadres, telefoonnummer, bedrijfsnaam, postadres, professionele informatie (positie, functie, sector) en de foto van uw avatar.

Om onze dienst te verbeteren en de kwaliteit van vergaderingen en actieplannen te volgen, nodigen wij gebruikers en contactpersonen regelmatig uit voor korte enquêtes. Antwoorden is vrijwillig.

## 4. Hoe wij de gegevens gebruiken

Wij gebruiken klantgegevens om de gevraagde dienst te leveren. Als u bijvoorbeeld het contactformulier invult, gebruiken wij wat u ons geeft om u te antwoorden.

Met uw toestemming, gegeven door een vakje aan te vinken dat nooit vooraf is aangevinkt, sturen wij u nieuws over Perfony, zijn evenementen en aanbiedingen. Elke zulke e-mail heeft een afmeldlink met één klik.

Wij gebruiken informatie over uw bezoeken om de website te laten werken en te verbeteren. Onze eigen bezoekersstatistieken tellen bezoeken per land en per dag; ze bewaren uw IP-adres niet.

Als u Perfony aanbeveelt aan een vriend, vragen wij de naam en het e-mailadres van die vriend, sturen wij precies één uitnodiging en bewaren wij geen van beide.

Wij publiceren een lijst van klanten en getuigenissen pas nadat de betrokkene via een persoonlijke link toestemming heeft gegeven; die toestemming kan op elk moment met een link worden ingetrokken, waarna de getuigenis meteen verdwijnt.

## 5. Cookies

Cookies zijn kleine bestanden die een website in uw browser opslaat. Ons cookiebeleid vermeldt per categorie elke cookie en elk script dat de site kan gebruiken, met doel en levensduur; de lijst wordt gemaakt uit het register dat de site zelf afdwingt.

Strikt noodzakelijke cookies houden u aangemeld, beschermen formulieren tegen vervalsing en onthouden uw cookiekeuze. Elke andere categorie (voorkeuren, publieksmeting, analyse door derden, advertenties) staat uit tot u ze aanzet, en geen enkel script van een categorie draait vóór dat moment. "Alles weigeren" is even eenvoudig als "Alles accepteren", en het sluiten van de banner geldt als weigering. Als uw browser het Global Privacy Control-signaal stuurt, blijven analyse door derden en advertenties geweigerd tenzij u ze zelf aanzet.

Uw keuze geldt hoogstens 100 dagen, daarna vragen wij het opnieuw; wij vragen het ook opnieuw wanneer ons cookiebeleid wijzigt. U kunt uw keuze op elk moment wijzigen of intrekken met de link "Cookie-instellingen" onderaan elke pagina; intrekken verwijdert de optionele cookies die wij hadden geplaatst.

Wij bewaren een bewijs van elke keuze: het tijdstip, de keuze per categorie, de versie van het beleid, een vingerafdruk van de tekst die u zag, uw IP-adres ingekort tot het netwerk (het laatste deel weggelaten) en de naam van uw browser. Wanneer u bent aangemeld op een extranet, wordt het bewijs met uw account bewaard in het eigen databankschema van dat extranet.

Wij registreren het IP-adres van extranetgebruikers wanneer zij zich aanmelden, als onderdeel van de beveiliging.

## 6. Delen van persoonsgegevens

Wij verkopen, verhuren of geven uw persoonsgegevens niet op een andere manier door voor de marketing van anderen.

Af en toe doen wij gezamenlijke aanbiedingen met partners. Wij delen uw contactgegevens alleen met een partner als u het vakje hebt aangevinkt dat dit toestaat; dat vakje is nooit vooraf aangevinkt en u kunt op elk moment bezwaar maken. Elke export naar partners wordt vastgelegd.

U kunt op elk moment een toestemming intrekken of bezwaar maken tegen het gebruik van uw gegevens voor marketing: met de afmeldlink in onze e-mails, door te schrijven naar Perfony SAS, 91 rue du Faubourg Saint Honoré, 75008 Parijs, of per e-mail naar contact@perfony.com. Na uw bezwaar komt uw adres op een blokkeerlijst, zodat wij u nooit meer voor marketing schrijven.

Een betaaldienstverlener verwerkt automatische incasso's in onze naam en mag de factureringsgegevens alleen daarvoor gebruiken.

Wij kunnen gegevens bekendmaken wanneer de wet dat vereist of om onze rechten in een gerechtelijke procedure te beschermen.

## 7. Doorgifte

Onze databanken staan in de Europese Unie. Als persoonsgegevens ooit buiten de Europese Economische Ruimte worden doorgegeven, blijft dit beleid van toepassing en gebruiken wij de waarborgen die de AVG vereist.

## 8. Uw rechten en toegang tot uw gegevens

Extranetgebruikers kunnen hun profiel bekijken en verbeteren in de voorkeuren van hun extranet. U kunt ons ook vragen om een kopie van uw gegevens, die wij leveren als een bestand dat u kunt downloaden, om verbeteringen vragen, bezwaar maken tegen marketing of vragen uw gegevens te wissen. Sommige gegevens kunnen wij bewaren wanneer de wet ons daartoe verplicht; wij zeggen u welke en waarom.

Om deze rechten uit te oefenen, neemt u contact met ons op:

- Per post: Perfony SAS, 91 rue du Faubourg Saint Honoré, 75008 Parijs, Frankrijk
- Per e-mail: contact@perfony.com
- Per telefoon: +33 1 55 43 76 95

U kunt ook een klacht indienen bij de Franse toezichthouder (CNIL).

## 9. Functionaris voor gegevensbescherming en wijzigingen van dit beleid

Perfony heeft een functionaris voor gegevensbescherming (DPO) aangesteld, die nagaat of Perfony de AVG naleeft en daarvoor over de nodige middelen beschikt. U bereikt de DPO via contact@perfony.com, per post bij Perfony SAS, 91 rue du Faubourg Saint Honoré, 75008 Parijs, Frankrijk, of per telefoon op +33 1 55 43 76 95.

Wij kunnen dit beleid wijzigen. Een wezenlijke wijziging wordt ten minste 30 Franse werkdagen voordat ze ingaat aangekondigd op onze websites en per e-mail aan elke extranetgebruiker; tot dan toont deze pagina de nieuwe versie naast de huidige."""

PRIVACY_FR = """## 1. Introduction

Cette politique explique comment Perfony SAS traite les données personnelles sur son site public www.perfony.com et sur les extranets clients à l'adresse <société>.iperfony.com, et quels sont vos droits. Elle applique le Règlement général sur la protection des données (RGPD) et la loi Informatique et Libertés.

Notre site peut contenir des liens vers d'autres sites. Nous ne sommes pas responsables de ce qu'ils font des données ; consultez leur propre politique.

## 2. Sécurité, stockage et conservation

Les données personnelles sont stockées dans nos bases de données PostgreSQL. Toute connexion au site et aux extranets est chiffrée par TLS, et les navigateurs reçoivent la consigne de n'utiliser que des connexions chiffrées.

Chaque société cliente a son propre extranet, avec sa propre adresse et son propre schéma de base de données. Une requête faite sur un extranet ne peut pas lire les données d'un autre, et ses cookies de connexion ne sont envoyés qu'à cet extranet.

Chaque utilisateur se connecte avec son propre identifiant et son propre mot de passe. Les mots de passe ne sont conservés que sous forme d'empreinte Argon2, jamais lisibles. Nos serveurs sont protégés par un pare-feu.

Nous ne conservons les données personnelles que le temps nécessaire à leur finalité, dans les limites légales. Les données des clients sont conservées pendant le contrat et 3 ans après sa fin. Celles des prospects, 3 ans à compter de leur dernier contact avec nous. Celles des candidats, 2 ans, sauf s'ils sont recrutés ; elles sont alors conservées pendant l'emploi et 3 ans après. Une tâche automatique supprime les données à l'échéance. Aucun cookie que nous déposons ne dure plus de 100 jours.

[retention]

## 3. Données collectées

Vous pouvez visiter le site public sans vous identifier ni donner de données personnelles.

Lorsque vous utilisez un extranet client, demandez des informations ou faites créer un compte, nous pouvons collecter : vos nom et prénom, adresse e-mail, numéro de téléphone, nom de société, adresse postale, informations professionnelles (poste, fonction, secteur) et la photo de votre avatar.

Pour améliorer notre service et observer la qualité des réunions et des plans d'action, nous invitons régulièrement utilisateurs et contacts à répondre à de courtes enquêtes. Y répondre est facultatif.

## 4. Utilisation des données

Nous utilisons les données clients pour fournir le service demandé. Si vous remplissez le formulaire de contact, par exemple, nous utilisons ce que vous nous donnez pour vous répondre.

Avec votre consentement, donné en cochant une case jamais précochée, nous vous envoyons des nouvelles de Perfony, de ses événements et de ses offres. Chacun de ces e-mails comporte un lien de désinscription en un clic.

Nous utilisons les informations sur vos visites pour faire fonctionner et améliorer le site. Nos propres statistiques comptent les visites par pays et par jour ; elles ne conservent pas votre adresse IP.

Si vous recommandez Perfony à un ami, nous demandons son nom et son adresse e-mail, lui envoyons une seule invitation et ne conservons ni l'un ni l'autre.

Nous ne publions une liste de clients et des témoignages qu'après le consentement de la personne concernée, donné par un lien personnel ; elle peut le retirer à tout moment par un lien, ce qui retire aussitôt le témoignage.

## 5. Cookies

Les cookies sont de petits fichiers qu'un site enregistre dans votre navigateur. Notre politique cookies liste, par catégorie, chaque cookie et chaque script que le site peut utiliser, avec sa finalité et sa durée ; la liste est générée à partir du registre que le site applique lui-même.

Les cookies strictement nécessaires vous gardent connecté, protègent les formulaires contre la falsification et retiennent votre choix. Toute autre catégorie (préférences, mesure d'audience, analyse par un tiers, publicité) reste désactivée tant que vous ne l'activez pas, et aucun script d'une catégorie ne s'exécute avant. « Tout refuser » est aussi simple que « Tout accepter », et fermer le bandeau vaut refus. Si votre navigateur envoie le signal Global Privacy Control, l'analyse par un tiers et la publicité restent refusées, sauf si vous les activez vous-même.

Votre choix vaut au plus 100 jours, après quoi nous vous le redemandons ; nous le redemandons aussi quand notre politique cookies change. Vous pouvez modifier ou retirer votre choix à tout moment avec le lien « Paramètres des cookies » en bas de chaque page ; le retrait supprime les cookies facultatifs que nous avions déposés.

Nous conservons une preuve de chaque choix : l'heure, le choix par catégorie, la version de la politique, une empreinte du texte qui vous a été présenté, votre adresse IP tronquée à son réseau (la dernière partie supprimée) et le nom de votre navigateur. Si vous êtes connecté à un extranet, la preuve est conservée avec votre compte dans le schéma de base de données propre à cet extranet.

Nous enregistrons l'adresse IP des utilisateurs des extranets lorsqu'ils se connectent, au titre de la sécurité.

## 6. Partage des données personnelles

Nous ne vendons, ne louons ni ne cédons vos données personnelles pour le marketing d'autrui.

Il nous arrive de proposer des offres conjointes avec des partenaires. Nous ne partageons vos coordonnées avec un partenaire que si vous avez coché la case qui le permet ; cette case n'est jamais précochée et vous pouvez vous y opposer à tout moment. Chaque export vers des partenaires est journalisé.

Vous pouvez à tout moment retirer un consentement ou vous opposer à l'utilisation de vos données à des fins de prospection : par le lien de désinscription de nos e-mails, en écrivant à Perfony SAS, 91 rue du Faubourg Saint Honoré, 75008 Paris, ou par e-mail à contact@perfony.com. Après votre opposition, votre adresse est inscrite sur une liste de suppression, et nous ne vous écrivons plus jamais à des fins de prospection.

Un prestataire de paiement traite les prélèvements en notre nom et ne peut utiliser les données de facturation qu'à cette fin.

Nous pouvons communiquer des données lorsque la loi l'exige ou pour défendre nos droits en justice.

## 7. Transferts

Nos bases de données sont hébergées dans l'Union européenne. Si des données personnelles devaient être transférées hors de l'Espace économique européen, cette politique resterait applicable et nous utiliserions les garanties exigées par le RGPD.

## 8. Vos droits et l'accès à vos données

Les utilisateurs des extranets peuvent consulter et corriger leur profil dans les préférences de leur extranet. Vous pouvez aussi nous demander une copie de vos données, fournie sous forme de fichier à télécharger, demander des corrections, vous opposer à la prospection ou demander l'effacement de vos données. Nous pouvons conserver certaines données lorsque la loi nous y oblige ; nous vous disons lesquelles et pourquoi.

Pour exercer ces droits, contactez-nous :

- Par courrier : Perfony SAS, 91 rue du Faubourg Saint Honoré, 75008 Paris, France
- Par e-mail : contact@perfony.com
- Par téléphone : +33 1 55 43 76 95

Vous pouvez aussi adresser une réclamation à la CNIL.

## 9. Délégué à la protection des données et modifications de cette politique

Perfony a désigné un délégué à la protection des données (DPO), qui veille au respect du RGPD par Perfony et dispose des moyens de cette mission. Vous pouvez joindre le DPO à contact@perfony.com, par courrier à Perfony SAS, 91 rue du Faubourg Saint Honoré, 75008 Paris, France, ou par téléphone au +33 1 55 43 76 95.

Nous pouvons modifier cette politique. Toute modification substantielle est annoncée sur nos sites et par e-mail à chaque utilisateur des extranets au moins 30 jours ouvrés français avant son entrée en vigueur ; d'ici là, cette page présente la nouvelle version à côté de la version en vigueur."""

COOKIES_EN = """This policy describes the cookies and scripts the Perfony website and the customer extranets can use. Only strictly necessary cookies are used until you choose; you choose per category in the banner or with the "Cookie settings" link at the bottom of every page, and you can withdraw as easily as you consented. Your choice is kept for at most 100 days. The list below is generated from the register the site enforces."""

COOKIES_NL = """Dit beleid beschrijft de cookies en scripts die de Perfony-website en de klantextranetten kunnen gebruiken. Tot u kiest, worden alleen strikt noodzakelijke cookies gebruikt; u kiest per categorie in de banner of met de link "Cookie-instellingen" onderaan elke pagina, en u kunt even gemakkelijk intrekken als toestemmen. Uw keuze wordt hoogstens 100 dagen bewaard. De lijst hieronder wordt gemaakt uit het register dat de site afdwingt."""

COOKIES_FR = """Cette politique décrit les cookies et scripts que le site Perfony et les extranets clients peuvent utiliser. Tant que vous n'avez pas choisi, seuls les cookies strictement nécessaires sont utilisés ; vous choisissez par catégorie dans le bandeau ou avec le lien « Paramètres des cookies » en bas de chaque page, et vous pouvez retirer votre consentement aussi facilement que vous l'avez donné. Votre choix est conservé 100 jours au plus. La liste ci-dessous est générée à partir du registre que le site applique."""
