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
 'coveragePartial': ('Certificate and TLS: not seen for this page yet.', 'Certificat et TLS : pas encore vus pour cette page.'),
 'fixLabel': ('What the site should fix', 'Ce que le site devrait corriger'),
 'severity_critical': ('Critical', 'Critique'),
 'severity_high': ('High', 'Élevé'),
 'severity_medium': ('Medium', 'Moyen'),
 'severity_low': ('Low', 'Faible'),
 'severity_info': ('Information', 'Information'),
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
