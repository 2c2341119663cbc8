# Writes public/_locales/{en,fr}/messages.json from the tables below. Run by hand after editing; the JSON files
# are committed and a unit test checks that every finding id has its words in both languages.
import json, os

F = {
 'http-page': (
   ('Page not encrypted', 'Anyone on the network can read and change this page: it was sent over plain http.',
    'Serve every page over https, redirect http to https and send Strict-Transport-Security.'),
   ('Page non chiffrée', 'Quiconque sur le réseau peut lire et modifier cette page : elle a été envoyée en http simple.',
    'Servez toutes les pages en https, redirigez http vers https et envoyez Strict-Transport-Security.')),
 'http-login-form': (
   ('Password field on an unencrypted page', "Don't type a password here: it would travel unencrypted.",
    'Serve the login page and everything it loads over https, and send Strict-Transport-Security.'),
   ('Champ de mot de passe sur une page non chiffrée', "Ne tapez pas de mot de passe ici : il circulerait en clair.",
    'Servez la page de connexion et tout ce qu’elle charge en https, et envoyez Strict-Transport-Security.')),
 'form-action-http': (
   ('Form sends to an unencrypted address', 'A form on this page sends what you type over plain http, where others can read it.',
    'Point every form action (and formaction) at an https URL.'),
   ('Formulaire envoyé vers une adresse non chiffrée', 'Un formulaire de cette page envoie ce que vous tapez en http simple, lisible par d’autres.',
    'Faites pointer chaque action de formulaire (et formaction) vers une URL https.')),
 'password-in-url': (
   ('Password would be put in the address', 'This form would place your password in the web address, where history and server logs keep it.',
    'Submit forms that hold a password with method="post".'),
   ('Mot de passe placé dans l’adresse', 'Ce formulaire placerait votre mot de passe dans l’adresse web, que l’historique et les journaux des serveurs conservent.',
    'Envoyez les formulaires qui contiennent un mot de passe avec method="post".')),
 'hsts-missing': (
   ('No HSTS', 'The site does not ask your browser to always use encryption, so a first visit or a typed link can be intercepted.',
    'Send Strict-Transport-Security: max-age=31536000; includeSubDomains on every https response.'),
   ('Pas de HSTS', 'Le site ne demande pas à votre navigateur de toujours chiffrer : une première visite ou un lien tapé peuvent être interceptés.',
    'Envoyez Strict-Transport-Security: max-age=31536000; includeSubDomains sur chaque réponse https.')),
 'hsts-invalid': (
   ('Broken HSTS header', 'The site tries to require encryption, but its header is malformed, so browsers ignore it.',
    'Fix the Strict-Transport-Security header (RFC 6797 section 6.1): one max-age with digits only, each directive once.'),
   ('En-tête HSTS invalide', 'Le site tente d’exiger le chiffrement, mais son en-tête est mal formé et les navigateurs l’ignorent.',
    'Corrigez l’en-tête Strict-Transport-Security (RFC 6797, section 6.1) : un seul max-age en chiffres, chaque directive une fois.')),
 'hsts-short-max-age': (
   ('HSTS expires quickly', 'The site asks for encryption only for a short time, so the protection often lapses between visits.',
    'Raise max-age to at least 31536000 (one year).'),
   ('HSTS de courte durée', 'Le site n’exige le chiffrement que pour peu de temps : la protection expire souvent entre deux visites.',
    'Portez max-age à au moins 31536000 (un an).')),
 'hsts-no-subdomains': (
   ('HSTS leaves subdomains out', 'Other addresses of this site can still be reached without encryption.',
    'Add includeSubDomains to Strict-Transport-Security once every subdomain serves https.'),
   ('HSTS sans les sous-domaines', 'D’autres adresses de ce site restent accessibles sans chiffrement.',
    'Ajoutez includeSubDomains à Strict-Transport-Security dès que tous les sous-domaines servent du https.')),
 'hsts-not-preloaded': (
   ('Not on the HSTS preload list', 'Browsers do not know in advance that this site needs encryption, so the very first visit is exposed.',
    'Send includeSubDomains and preload with a max-age of at least one year, then submit the domain to hstspreload.org.'),
   ('Absent de la liste de préchargement HSTS', 'Les navigateurs ne savent pas d’avance que ce site exige le chiffrement : la toute première visite est exposée.',
    'Envoyez includeSubDomains et preload avec un max-age d’au moins un an, puis inscrivez le domaine sur hstspreload.org.')),
 'cert-sha1': (
   ('Certificate signed with SHA-1 or MD5', 'The site’s certificate uses a broken signature that can be forged.',
    'Re-issue the certificate and its intermediates with SHA-256 signatures.'),
   ('Certificat signé en SHA-1 ou MD5', 'Le certificat du site utilise une signature cassée, qui peut être contrefaite.',
    'Faites réémettre le certificat et ses intermédiaires avec des signatures SHA-256.')),
 'cert-not-ev': (
   ('No Extended Validation', 'The certificate proves control of the domain, not who the organisation behind it is.',
    'For a login console where identity matters, use an Extended Validation certificate.'),
   ('Pas de validation étendue', 'Le certificat prouve le contrôle du domaine, pas l’identité de l’organisation derrière.',
    'Pour une console de connexion où l’identité compte, utilisez un certificat à validation étendue (EV).')),
 'cert-expired': (
   ('Certificate expired', 'The site’s certificate is out of date, so the connection cannot be trusted.',
    'Renew the certificate now and automate renewal (for example with ACME).'),
   ('Certificat expiré', 'Le certificat du site a expiré : la connexion n’est pas digne de confiance.',
    'Renouvelez le certificat tout de suite et automatisez le renouvellement (par exemple avec ACME).')),
 'cert-expiring-soon': (
   ('Certificate about to expire', 'The site’s certificate expires within two weeks.',
    'Renew the certificate and automate renewal so it never gets this close.'),
   ('Certificat bientôt expiré', 'Le certificat du site expire dans moins de deux semaines.',
    'Renouvelez le certificat et automatisez le renouvellement pour ne plus frôler l’échéance.')),
 'cert-untrusted': (
   ('Certificate error overridden', 'The browser could not verify who runs this site and the warning was bypassed: someone could be in the middle.',
    'Install a certificate from a publicly trusted authority that matches the host name, with its full chain.'),
   ('Erreur de certificat ignorée', 'Le navigateur n’a pas pu vérifier qui gère ce site et l’avertissement a été contourné : quelqu’un pourrait s’interposer.',
    'Installez un certificat d’une autorité publique reconnue, au bon nom d’hôte, avec sa chaîne complète.')),
 'cert-weak-key': (
   ('Weak certificate key', 'The certificate’s key is too short to resist a determined attacker.',
    'Re-issue the certificate with an RSA key of at least 2048 bits or an EC P-256 key.'),
   ('Clé de certificat faible', 'La clé du certificat est trop courte pour résister à un attaquant déterminé.',
    'Réémettez le certificat avec une clé RSA d’au moins 2048 bits ou une clé EC P-256.')),
 'tls-legacy-protocol': (
   ('Outdated encryption protocol', 'The connection uses, or the server still offers, SSL 3 or TLS 1.0/1.1, which have known attacks.',
    'Disable SSL 3, TLS 1.0 and TLS 1.1; offer TLS 1.2 and TLS 1.3 only.'),
   ('Protocole de chiffrement dépassé', 'La connexion utilise, ou le serveur propose encore, SSL 3 ou TLS 1.0/1.1, qui ont des attaques connues.',
    'Désactivez SSL 3, TLS 1.0 et TLS 1.1 ; ne proposez que TLS 1.2 et TLS 1.3.')),
 'tls-no-forward-secrecy': (
   ('No forward secrecy', 'If the server’s key ever leaks, recorded traffic, passwords included, could be decrypted later.',
    'Prefer ECDHE key exchange and remove static RSA cipher suites.'),
   ('Pas de confidentialité persistante', 'Si la clé du serveur fuit un jour, le trafic enregistré, mots de passe compris, pourrait être déchiffré.',
    'Privilégiez l’échange de clés ECDHE et retirez les suites à échange RSA statique.')),
 'tls-weak-cipher': (
   ('Weak cipher', 'The connection uses a cipher (such as RC4, 3DES or an export suite) that can be broken.',
    'Offer only AEAD suites (AES-GCM, ChaCha20-Poly1305) and remove RC4, 3DES, NULL and EXPORT.'),
   ('Chiffrement faible', 'La connexion utilise un algorithme (RC4, 3DES ou une suite export) qui peut être cassé.',
    'Ne proposez que des suites AEAD (AES-GCM, ChaCha20-Poly1305) et retirez RC4, 3DES, NULL et EXPORT.')),
 'tls-no-tls13': (
   ('No TLS 1.3', 'The connection does not use the newest, safest version of TLS.',
    'Enable TLS 1.3 on the server.'),
   ('Pas de TLS 1.3', 'La connexion n’utilise pas la version la plus récente et la plus sûre de TLS.',
    'Activez TLS 1.3 sur le serveur.')),
 'ssllabs-grade': (
   ('SSL Labs grade: $1', 'SSL Labs found weaknesses in how this server sets up encryption (grade $1).',
    'Run the SSL Labs test for this host and fix what lowers the grade.'),
   ('Note SSL Labs : $1', 'SSL Labs a trouvé des faiblesses dans la façon dont ce serveur établit le chiffrement (note $1).',
    'Lancez le test SSL Labs pour cet hôte et corrigez ce qui fait baisser la note.')),
 'observatory-grade': (
   ('HTTP Observatory grade: $1', 'The MDN HTTP Observatory found missing browser protections on this site (grade $1).',
    'Run the MDN HTTP Observatory for this host and add the security headers it recommends.'),
   ('Note HTTP Observatory : $1', 'L’Observatoire HTTP de MDN a relevé des protections manquantes sur ce site (note $1).',
    'Lancez l’Observatoire HTTP de MDN pour cet hôte et ajoutez les en-têtes de sécurité qu’il recommande.')),
}

UI = {
 'extName': ('Vigie', 'Vigie'),
 'extDescription': ('Grades the security of every site you visit, A+ to F, and warns you before you type a password on a weak one.',
                    'Note la sécurité de chaque site visité, de A+ à F, et vous prévient avant de taper un mot de passe sur un site faible.'),
 'actionTitle': ('Vigie: site security', 'Vigie : sécurité du site'),
 'badgeTitle': ('Vigie: $1 for $2', 'Vigie : $1 pour $2'),
 'badgeTitleWithFinding': ('Vigie: $1 for $2. $3', 'Vigie : $1 pour $2. $3'),
 'gradeLabel': ('Grade $1', 'Note $1'),
 'badgeTitlePrevious': ('$1 (last visit; checking again)', '$1 (visite précédente ; nouvelle vérification)'),
 'popupPrevious': ('Your last visit, $1. Checking this page again…', 'Votre dernière visite, $1. Nouvelle vérification…'),
 'popupWorse': ('Worse than at your last visit ($1): it was $2, it is now $3.', 'Moins bien qu’à votre dernière visite ($1) : c’était $2, c’est maintenant $3.'),
 'popupNewSince': ('New since then:', 'Nouveau depuis :'),
 'popupLoading': ('Checking this page…', 'Analyse de la page…'),
 'popupNotYet': ('Vigie has not seen this page load yet. Reload it to grade it.', 'Vigie n’a pas encore vu cette page se charger. Rechargez-la pour la noter.'),
 'popupNotWebPage': ('Vigie grades web pages (http and https) only.', 'Vigie ne note que les pages web (http et https).'),
 'summaryClean': ('No weakness found in what Vigie can see.', 'Aucune faiblesse dans ce que Vigie peut voir.'),
 'verdict_good': ('Well protected.', 'Bien protégé.'),
 'verdict_fair': ('Some protections are missing.', 'Certaines protections manquent.'),
 'verdict_poor': ('Weak protection: be careful with what you type here.', 'Protection faible : prudence avec ce que vous tapez ici.'),
 'verdict_bad': ("Unsafe: don't type a password on this page.", 'Dangereux : ne tapez pas de mot de passe sur cette page.'),
 'coverageHttp': ('Plain http: nothing on this page is encrypted.', 'http simple : rien n’est chiffré sur cette page.'),
 'coverageFull': ('Checked: page, headers, certificate and TLS.', 'Vérifié : page, en-têtes, certificat et TLS.'),
 'coverageChrome': ('Certificate and TLS: not visible to extensions in Chrome. Turn on SSL Labs to see them.',
                    'Certificat et TLS : invisibles pour les extensions dans Chrome. Activez SSL Labs pour les voir.'),
 'coverageFromSslLabs': ('Checked: page and headers here; certificate and TLS from SSL Labs.', 'Vérifié : page et en-têtes ici ; certificat et TLS d’après SSL Labs.'),
 'coveragePartial': ('Certificate and TLS: not seen for this page yet.', 'Certificat et TLS : pas encore vus pour cette page.'),
 'fixLabel': ('What the site should fix', 'Ce que le site devrait corriger'),
 'severity_critical': ('Critical', 'Critique'),
 'severity_high': ('High', 'Élevé'),
 'severity_medium': ('Medium', 'Moyen'),
 'severity_low': ('Low', 'Faible'),
 'severity_info': ('Information', 'Information'),
 'sourceName_ssllabs': ('SSL Labs', 'SSL Labs'),
 'sourceName_observatory': ('HTTP Observatory', 'Observatoire HTTP'),
 'sourceName_hstspreload': ('HSTS preload list', 'Liste de préchargement HSTS'),
 'onlineTitle': ('Online checks', 'Vérifications en ligne'),
 'onlineReady': ('$1: $2, measured $3', '$1 : $2, mesuré $3'),
 'onlinePending': ('$1: assessment in progress ($2%)…', '$1 : évaluation en cours ($2 %)…'),
 'onlineNotAsked': ('$1: not asked yet', '$1 : pas encore demandé'),
 'onlineIneligible': ('Online sources are never asked about private windows or local addresses.', 'Les sources en ligne ne sont jamais interrogées pour les fenêtres privées ni les adresses locales.'),
 'onlineLookup': ('Look up', 'Consulter'),
 'onlineRefresh': ('Refresh', 'Actualiser'),
 'onlineLookupLabel': ('Ask $1 about this site', 'Interroger $1 sur ce site'),
 'lookupError_unreachable': ('$1 unreachable. The grade stands on what the browser saw.', '$1 injoignable. La note repose sur ce que le navigateur a vu.'),
 'lookupError_unregistered': ('$1 does not know the email set in the options: register it with SSL Labs first.', '$1 ne connaît pas l’adresse e-mail des options : enregistrez-la d’abord auprès de SSL Labs.'),
 'lookupError_no_email': ('$1 needs your registered organisation email: set it in the options.', '$1 demande votre adresse e-mail professionnelle enregistrée : indiquez-la dans les options.'),
 'lookupError_rate_limited': ('$1 has too many assessments running. Vigie will try again after $2.', '$1 a trop d’évaluations en cours. Vigie réessaiera après $2.'),
 'lookupError_maintenance': ('$1 is down for maintenance. Vigie will try again after $2.', '$1 est en maintenance. Vigie réessaiera après $2.'),
 'lookupError_overloaded': ('$1 is overloaded. Vigie backs off and will try again after $2.', '$1 est surchargé. Vigie patiente et réessaiera après $2.'),
 'lookupError_server_error': ('$1 had an error. Vigie will try again after $2.', '$1 a rencontré une erreur. Vigie réessaiera après $2.'),
 'lookupError_bad_request': ('$1 refused the request.', '$1 a refusé la requête.'),
 'lookupError_invalid_response': ('$1 sent an answer Vigie could not trust; it was ignored.', '$1 a envoyé une réponse non fiable ; elle a été ignorée.'),
 'lookupError_assessment_failed': ('$1 could not assess this site.', '$1 n’a pas pu évaluer ce site.'),
 'lookupError_no_permission': ('Vigie may not reach $1 yet: turn the source off and on again in the options to allow it.', 'Vigie n’a pas encore accès à $1 : désactivez puis réactivez la source dans les options pour l’autoriser.'),
 'optionsTitle': ('Vigie settings', 'Réglages de Vigie'),
 'optionsStrictness': ('How strict should grades be?', 'Quelle sévérité pour les notes ?'),
 'strictness_relaxed': ('Relaxed', 'Souple'),
 'strictness_relaxed_help': ('Only clear dangers lower a grade much.', 'Seuls les dangers nets font beaucoup baisser la note.'),
 'strictness_standard': ('Standard (recommended)', 'Standard (recommandé)'),
 'strictness_standard_help': ('What a careful person expects of any site with a login.', 'Ce qu’une personne prudente attend de tout site avec connexion.'),
 'strictness_strict': ('Strict', 'Stricte'),
 'strictness_strict_help': ('What a cloud console should offer: EV certificate, HSTS with preload, forward secrecy, nothing below A.', 'Ce qu’une console cloud devrait offrir : certificat EV, HSTS avec préchargement, confidentialité persistante, rien sous A.'),
 'optionsOnline': ('Online sources', 'Sources en ligne'),
 'optionsOnlineIntro': ('Off by default. When a source is on, Vigie sends it the host name of the sites you visit (never the full address, never anything you type). Never for private windows or local addresses.', 'Désactivées par défaut. Une source activée reçoit le nom d’hôte des sites visités (jamais l’adresse complète, jamais ce que vous tapez). Jamais pour les fenêtres privées ni les adresses locales.'),
 'optionsSourceOn': ('Use $1', 'Utiliser $1'),
 'optionsMode': ('When to ask', 'Quand demander'),
 'mode_on_demand': ('Only when I click Look up in the popup', 'Seulement quand je clique sur Consulter'),
 'mode_login': ('By itself on pages with a password field', 'Automatiquement sur les pages avec mot de passe'),
 'mode_always': ('By itself on every page', 'Automatiquement sur chaque page'),
 'sends_ssllabs': ('Sends the host name and your email to Qualys SSL Labs (api.ssllabs.com). Qualys runs the test: a host it has not tested in the last day gets a new assessment, which its operator can see, and results may be cached by Qualys.', 'Envoie le nom d’hôte et votre e-mail à Qualys SSL Labs (api.ssllabs.com). Qualys effectue le test : un hôte non testé depuis un jour est réévalué, ce que son exploitant peut voir, et Qualys peut garder le résultat en cache.'),
 'sends_observatory': ('Sends the host name to Mozilla’s MDN HTTP Observatory (observatory-api.mdn.mozilla.net), which scans the site’s headers.', 'Envoie le nom d’hôte à l’Observatoire HTTP de MDN de Mozilla (observatory-api.mdn.mozilla.net), qui analyse les en-têtes du site.'),
 'sends_hstspreload': ('Sends the host name to hstspreload.org to ask whether it is on the HSTS preload list.', 'Envoie le nom d’hôte à hstspreload.org pour savoir s’il figure dans la liste de préchargement HSTS.'),
 'optionsEmail': ('Your organisation email registered with SSL Labs', 'Votre e-mail professionnel enregistré auprès de SSL Labs'),
 'optionsEmailHelp': ('SSL Labs API v4 needs a registered organisation email (not Gmail, Yahoo or Hotmail). Register once with POST https://api.ssllabs.com/api/v4/register, as the SSL Labs API documentation explains.', 'L’API v4 de SSL Labs demande un e-mail professionnel enregistré (ni Gmail, ni Yahoo, ni Hotmail). Enregistrez-le une fois par POST https://api.ssllabs.com/api/v4/register, comme l’explique la documentation de l’API SSL Labs.'),
 'optionsPermissionDenied': ('The browser did not allow access to $1, so the source stays off.', 'Le navigateur n’a pas autorisé l’accès à $1 : la source reste désactivée.'),
 'optionsSaved': ('Saved.', 'Enregistré.'),
 'optionsLocked': ('Set by your administrator', 'Fixé par votre administrateur'),
 'reportTitle': ('Sites graded so far', 'Sites notés jusqu’ici'),
 'reportIntro': ('The last grade Vigie gave each site you visited in the last 30 days (never private windows).', 'La dernière note donnée par Vigie à chaque site visité ces 30 derniers jours (jamais les fenêtres privées).'),
 'reportEmpty': ('No site graded yet. Browse a little, then come back.', 'Aucun site noté pour l’instant. Naviguez un peu, puis revenez.'),
 'reportHost': ('Site', 'Site'),
 'reportGrade': ('Grade', 'Note'),
 'reportFindings': ('Main findings', 'Principaux constats'),
 'reportDate': ('Checked', 'Vérifié'),
 'reportLevel': ('Level', 'Niveau'),
 'reportSortBy': ('Sort by $1', 'Trier par $1'),
 'reportShowFindings': ('Show the findings for $1', 'Afficher les constats pour $1'),
 'reportNone': ('No weakness found', 'Aucune faiblesse trouvée'),
 'reportExportJson': ('Export as JSON', 'Exporter en JSON'),
 'reportExportMarkdown': ('Export as a Markdown table', 'Exporter en tableau Markdown'),
 'reportOpen': ('All sites graded so far', 'Tous les sites notés'),
 'popupSettings': ('Settings', 'Réglages'),
 'optionsPreview': ('On $1 the grade would be: $2', 'Sur $1, la note serait : $2'),
 'optionsData': ('Data on this computer', 'Données sur cet ordinateur'),
 'optionsDataSummary': ('$1 sites remembered, $2 online answers cached.', '$1 sites mémorisés, $2 réponses en ligne en cache.'),
 'optionsForget': ('Forget everything', 'Tout oublier'),
 'optionsForgotten': ('Everything Vigie remembered has been forgotten.', 'Vigie a tout oublié.'),
 'optionsLockedWhy': ('Your organisation manages this setting through browser policy.', 'Votre organisation gère ce réglage par une stratégie du navigateur.'),
 'source_ssllabs': ('From SSL Labs', 'D’après SSL Labs'),
 'source_observatory': ('From the MDN HTTP Observatory', 'D’après l’Observatoire HTTP de MDN'),
 'source_hstspreload': ('From hstspreload.org', 'D’après hstspreload.org'),
}

def key(i): return 'finding_' + i.replace('-', '_')
for li, lang in enumerate(['en', 'fr']):
    out = {}
    for k, v in UI.items():
        out[k] = {'message': v[li]}
    for fid, langs in F.items():
        title, user, fix = langs[li]
        out[key(fid) + '_title'] = {'message': title}
        out[key(fid) + '_user'] = {'message': user}
        out[key(fid) + '_fix'] = {'message': fix}
    path = os.path.join(os.path.dirname(__file__), '..', 'public', '_locales', lang, 'messages.json')
    with open(path, 'w', encoding='utf-8') as fh:
        json.dump(out, fh, ensure_ascii=False, indent=2)
        fh.write('\n')
