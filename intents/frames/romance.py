"""More frames in Spanish, French, Portuguese and Italian: requests, opt-ins, help, hard negatives.

Written for this project from how people write in each language (registers from formal to
rude, with and without accents); not taken from any evaluation set.
"""
from __future__ import annotations

from typing import Any

ES: dict[str, Any] = {
    "slots": {
        "pol": ("", "por favor", "porfavor", "xfa", "porfa", "oigan", "disculpen,", "señores,", "ya les dije,",
                "de verdad,", "se los pido,"),
        "mandar": ("manden", "envíen", "mandes", "envíes", "escriban", "escribas", "marquen", "llamen"),
        "dejar": ("dejen de", "deja de", "paren de", "ya no sigan", "terminen de"),
        "inf": ("mandarme", "enviarme", "escribirme", "llamarme", "molestarme", "mandar mensajes",
                "enviar promociones", "contactarme"),
        "noun": ("mensajes", "promociones", "ofertas", "textos", "sms", "notificaciones", "anuncios",
                 "publicidad", "alertas", "cupones", "recordatorios", "mensajitos"),
        "tail": ("", "gracias", "por favor", "ya", "ahora mismo", "nunca más", "de una vez", "!!", "ok",
                 "en serio", "por última vez"),
        "name": ("María", "José", "Lupita", "Carlos", "don Ramón", "la señora Pérez", "Andrés", "Sofía"),
        "thing": ("pedido", "cita", "reservación", "orden", "compra", "suscripción al gimnasio", "vuelo",
                  "entrega", "mesa de hoy"),
        "lista": ("su lista", "la lista", "sus contactos", "su base de datos", "el sistema", "sus listas"),
        "why": ("no me interesa", "nunca me suscribí", "no sé quiénes son", "es spam", "ya me cansé",
                "son demasiados mensajes", "no lo pedí"),
        "food": ("pan", "café", "tacos", "leche", "pizza", "tortillas"),
        "place": ("tienda", "farmacia", "parada", "esquina", "oficina", "casa de mi mamá"),
        "when": ("mañana", "luego", "en la tarde", "el lunes", "más tarde", "en un rato"),
    },
    "opt_out": [
        "{pol} no me {mandar} más {noun} {tail}", "{pol} {dejar} {inf} {tail}", "{pol} sáquenme de {lista} {tail}",
        "{pol} bórrenme de {lista}", "{pol} eliminen mi número de {lista}", "quiero que me quiten de {lista}",
        "ya no quiero recibir {noun} {tail}", "no deseo recibir más {noun}", "cancelen mi suscripción a sus {noun}",
        "{why}, {dejar} {inf}", "{why}. no me {mandar} más", "{why}, bórrenme", "quiero darme de baja {tail}",
        "denme de baja {tail}", "baja por favor", "ya no me interesa recibir {noun}, gracias",
        "este número ya no es de {name}", "se equivocaron de número, no conozco a {name}",
        "no conozco a ningún {name}", "número equivocado {tail}", "déjenme en paz con sus {noun}",
        "váyanse a la fregada", "ya basta de {noun}", "no vuelvan a escribirme", "no me vuelvan a llamar",
        "retírenme de {lista}", "ya no me {mandar} nada", "no más {noun} a este número",
        "revoco mi consentimiento para recibir {noun}", "desuscríbanme {tail}",
    ],
    "opt_in": [
        "{pol} vuelvan a mandarme {noun}", "quiero volver a recibir sus {noun} {tail}", "me di de baja por error",
        "mandé stop sin querer, {pol} actívenme otra vez", "suscríbanme otra vez {tail}",
        "quiero seguir recibiendo {noun}", "pónganme otra vez en {lista}", "reactiven mis {noun}",
        "extraño sus {noun}, vuelvan a enviar", "denme de alta otra vez",
    ],
    "help": [
        "¿quién es?", "{pol} ¿quién habla?", "¿con quién hablo?", "¿quién me manda esto?", "¿qué es esto?",
        "¿de dónde tienen mi número?", "¿cómo consiguieron mi número?", "¿de qué empresa son?",
        "¿por qué me escriben?", "¿qué quieren?", "necesito ayuda con mi cuenta", "¿cómo me comunico con ustedes?",
        "¿cuánto cuestan los mensajes?", "¿qué pasa si respondo stop?", "no reconozco este número, ¿quién es?",
        "¿me pueden explicar de qué se trata?",
    ],
    "other": [
        "{pol} cancelen mi {thing}", "¿puedo cancelar mi {thing}?", "necesito cambiar mi {thing}",
        "ya cancelé mi {thing}", "¿a qué hora cierran?", "¿dónde queda la {place}?", "nos vemos {when}",
        "no pares de mandarme {noun}, me encantan", "sigan mandando {noun}", "me encantan sus {noun}",
        "no me borren, me gustan las ofertas", "paso por la {place} {when}", "compra {food} por favor",
        "no puedo dejar de reír", "ya dejé de fumar", "para en la {place}", "al final de la semana",
        "el fin de semana voy", "gracias por avisar", "ok, ahí estaré", "¿cuánto cuesta?", "perfecto, gracias",
        "número de pedido {when}", "mi número nuevo es este, guárdalo", "te mando el número {when}",
        "no me interesa ese, pero avísenme de otros", "no gracias, por ahora no", "¿siguen abiertos?",
        "déjame pensarlo", "no sé, te aviso {when}", "ya llegué a la {place}", "no hay {food}",
    ],
}

FR: dict[str, Any] = {
    "slots": {
        "pol": ("", "svp", "stp", "s'il vous plaît", "merci de", "bonjour,", "franchement,", "je vous demande de",
                "pour la dernière fois,"),
        "verb": ("envoyer", "écrire", "contacter", "spammer", "appeler", "harceler", "relancer"),
        "noun": ("messages", "sms", "promotions", "offres", "textos", "notifications", "pubs", "publicités",
                 "alertes", "newsletters", "relances", "bons plans"),
        "tail": ("", "merci", "svp", "maintenant", "s'il vous plaît", "immédiatement", "une bonne fois pour toutes",
                 "!!", "définitivement"),
        "name": ("Marie", "Julien", "Mme Dupont", "Karim", "M. Martin", "Chloé", "Nathalie", "Thomas"),
        "thing": ("commande", "rendez-vous", "réservation", "livraison", "abonnement à la salle", "table de ce soir"),
        "liste": ("votre liste", "la liste", "vos fichiers", "votre base de données", "vos contacts", "la liste de diffusion"),
        "why": ("ça ne m'intéresse pas", "je ne me suis jamais inscrit", "je ne vous connais pas", "c'est du spam",
                "j'en ai marre", "trop de messages"),
        "when": ("demain", "ce soir", "plus tard", "lundi", "tout à l'heure"),
        "place": ("boulangerie", "pharmacie", "gare", "poste", "banque"),
    },
    "opt_out": [
        "{pol} arrêtez de m'{verb} {tail}", "{pol} ne m'envoyez plus de {noun} {tail}", "{pol} retirez-moi de {liste}",
        "{pol} supprimez mon numéro de {liste}", "je ne souhaite plus recevoir vos {noun}", "je veux être désinscrit {tail}",
        "désinscrivez-moi de vos {noun}", "{why}, arrêtez de m'{verb}", "{why}. stop", "{why}, désabonnez-moi",
        "ce numéro n'est plus celui de {name}", "erreur de numéro, je ne connais pas {name}", "ce n'est pas {name} ici",
        "vous vous trompez de numéro", "laissez-moi tranquille avec vos {noun}", "foutez-moi la paix",
        "je ne veux plus de vos {noun}", "plus jamais de {noun} svp", "cessez tout contact {tail}",
        "je retire mon consentement", "effacez mes coordonnées", "ne me recontactez plus", "stop aux {noun} {tail}",
        "j'en ai assez de vos {noun}", "rayez-moi de {liste}",
    ],
    "opt_in": [
        "{pol} renvoyez-moi vos {noun}", "je veux recevoir à nouveau vos {noun}", "je me suis désabonné par erreur",
        "j'ai répondu stop sans faire exprès, réactivez les {noun}", "réinscrivez-moi {tail}",
        "remettez-moi dans {liste}", "je voudrais recevoir de nouveau les {noun}", "réabonnez-moi aux {noun}",
    ],
    "help": [
        "qui êtes-vous ?", "c'est qui ?", "qui m'écrit ?", "{pol} qui est à l'appareil ?", "c'est quoi ce message ?",
        "comment avez-vous eu mon numéro ?", "d'où vient ce message ?", "quelle société ?", "pourquoi vous m'écrivez ?",
        "j'ai besoin d'aide avec mon compte", "comment vous contacter ?", "que se passe-t-il si je réponds stop ?",
        "ces sms sont payants ?", "je ne connais pas ce numéro, qui est-ce ?",
    ],
    "other": [
        "{pol} annulez ma {thing}", "je peux annuler ma {thing} ?", "je dois modifier ma {thing}", "j'ai annulé ma {thing}",
        "n'arrêtez pas les {noun}, j'adore", "continuez à m'envoyer vos {noun}", "merci pour les {noun}",
        "à {when}", "je passe à la {place} {when}", "ok merci", "d'accord", "ça marche", "combien ça coûte ?",
        "vous êtes ouverts {when} ?", "je n'arrive pas à arrêter de rire", "j'ai arrêté de fumer", "à la fin de la semaine",
        "arrêt de bus devant la {place}", "pas intéressé par celui-là mais tenez-moi au courant", "non merci, pas pour l'instant",
        "voici mon nouveau numéro", "je t'envoie le numéro {when}", "je suis à la {place}",
    ],
}

PT: dict[str, Any] = {
    "slots": {
        "pol": ("", "por favor", "pfv", "pf", "poxa,", "gente,", "pelo amor de deus,", "já pedi,"),
        "verb": ("mandar", "enviar", "ligar", "escrever", "encher o saco", "me incomodar"),
        "noun": ("mensagens", "sms", "promoções", "ofertas", "notificações", "propagandas", "anúncios", "torpedos",
                 "alertas", "cupons"),
        "tail": ("", "obrigado", "obrigada", "por favor", "agora", "de vez", "urgente", "!!", "valeu"),
        "name": ("Ana", "João", "Dona Maria", "Pedro", "Seu José", "Carla", "Lucas", "Fernanda"),
        "thing": ("pedido", "consulta", "reserva", "entrega", "assinatura", "compra"),
        "lista": ("da lista", "da sua lista", "dos seus contatos", "do cadastro", "do sistema"),
        "why": ("não tenho interesse", "nunca me cadastrei", "não conheço vocês", "isso é spam", "cansei",
                "mensagem demais"),
        "when": ("amanhã", "mais tarde", "hoje à noite", "segunda", "daqui a pouco"),
        "place": ("padaria", "farmácia", "loja", "rodoviária", "mercado"),
    },
    "opt_out": [
        "{pol} parem de me {verb} {tail}", "{pol} não quero mais {noun} {tail}", "{pol} me tirem {lista}",
        "{pol} excluam meu número {lista}", "quero sair da lista {tail}", "quero cancelar o recebimento de {noun}",
        "{why}, parem de {verb}", "{why}. não mandem mais nada", "{why}, me descadastrem", "descadastrar {tail}",
        "esse número não é mais de {name}", "número errado, não conheço {name}", "aqui não tem nenhum {name}",
        "vocês erraram o número", "me deixem em paz", "chega de {noun} {tail}", "não me liguem mais",
        "não enviem mais nada para este número", "removam meu contato", "chega dessas mensagens",
        "revogo meu consentimento", "não autorizo mais o envio de {noun}",
    ],
    "opt_in": [
        "{pol} voltem a me mandar {noun}", "quero receber {noun} de novo", "cancelei sem querer",
        "mandei sair por engano, reativem por favor", "me cadastrem de novo {tail}", "quero continuar recebendo {noun}",
        "me coloquem de volta na lista", "podem voltar a mandar {noun}",
    ],
    "help": [
        "quem é?", "quem está falando?", "quem é você?", "{pol} quem mandou isso?", "que mensagem é essa?",
        "onde conseguiram meu número?", "como vocês têm meu número?", "que empresa é essa?", "por que estão me mandando isso?",
        "preciso de ajuda com minha conta", "como falo com o atendimento?", "o que acontece se eu responder sair?",
        "não conheço esse número, quem é?",
    ],
    "other": [
        "{pol} cancelem meu {thing}", "posso cancelar meu {thing}?", "preciso mudar meu {thing}", "já cancelei o {thing}",
        "não parem de mandar {noun}, adoro", "continuem mandando {noun}", "obrigado pelas ofertas",
        "até {when}", "passo na {place} {when}", "ok obrigado", "beleza", "combinado", "quanto custa?",
        "vocês abrem {when}?", "não consigo parar de rir", "parei de fumar", "no fim da semana", "o ponto de ônibus fica perto da {place}",
        "não tenho interesse nesse, mas me avisem de outros", "não obrigado, agora não", "esse é meu número novo",
        "te mando o número {when}", "cheguei na {place}",
    ],
}

IT: dict[str, Any] = {
    "slots": {
        "pol": ("", "per favore", "per piacere", "vi prego,", "cortesemente", "scusate,", "ve l'ho già detto,"),
        "verb": ("mandarmi", "scrivermi", "contattarmi", "chiamarmi", "disturbarmi", "inviarmi"),
        "noun": ("messaggi", "sms", "promozioni", "offerte", "notifiche", "pubblicità", "avvisi", "newsletter",
                 "coupon"),
        "tail": ("", "grazie", "per favore", "subito", "ora", "una volta per tutte", "!!", "definitivamente"),
        "name": ("Giulia", "Marco", "la signora Rossi", "Luca", "Francesca", "il dottor Bianchi", "Paolo"),
        "thing": ("ordine", "appuntamento", "prenotazione", "consegna", "abbonamento", "tavolo di stasera"),
        "lista": ("dalla lista", "dalla vostra lista", "dai vostri contatti", "dal vostro database", "dalla mailing list"),
        "why": ("non mi interessa", "non mi sono mai iscritto", "non vi conosco", "è spam", "sono stufo",
                "troppi messaggi"),
        "when": ("domani", "stasera", "più tardi", "lunedì", "tra poco"),
        "place": ("farmacia", "stazione", "posta", "banca", "edicola"),
    },
    "opt_out": [
        "{pol} smettete di {verb} {tail}", "{pol} non {verb} più", "{pol} toglietemi {lista}",
        "{pol} cancellate il mio numero {lista}", "non desidero più ricevere {noun}", "voglio disiscrivermi {tail}",
        "annullate la mia iscrizione {tail}", "{why}, smettete di {verb}", "{why}. basta", "{why}, cancellatemi",
        "questo numero non è più di {name}", "numero sbagliato, non conosco {name}", "qui non c'è nessun {name}",
        "avete sbagliato numero", "lasciatemi stare", "basta con {noun}", "non chiamatemi più",
        "revoco il consenso", "eliminate i miei dati", "non voglio più niente da voi",
    ],
    "opt_in": [
        "{pol} rimandatemi {noun}", "voglio ricevere di nuovo {noun}", "mi sono disiscritto per errore",
        "ho risposto stop per sbaglio, riattivatemi", "reiscrivetemi {tail}", "rimettetemi nella lista",
        "voglio continuare a ricevere i {noun}",
    ],
    "help": [
        "chi è?", "chi parla?", "chi mi scrive?", "{pol} chi siete?", "cos'è questo messaggio?", "come avete il mio numero?",
        "che azienda è?", "perché mi scrivete?", "ho bisogno di aiuto con il mio account", "come vi contatto?",
        "cosa succede se rispondo stop?", "non conosco questo numero, chi è?",
    ],
    "other": [
        "{pol} annullate il mio {thing}", "posso annullare il mio {thing}?", "devo spostare il mio {thing}",
        "non smettete di mandare {noun}, mi piacciono", "continuate a mandarmi {noun}", "grazie, belle offerte",
        "a {when}", "passo in {place} {when}", "ok grazie", "va bene", "perfetto", "quanto costa?",
        "siete aperti {when}?", "non riesco a smettere di ridere", "ho smesso di fumare", "alla fine del mese",
        "la fermata è vicino alla {place}", "questo non mi interessa ma tenetemi aggiornato", "no grazie, per ora no",
        "questo è il mio nuovo numero", "ti mando il numero {when}",
    ],
}

FRAMES: dict[str, dict[str, Any]] = {"es": ES, "fr": FR, "pt": PT, "it": IT}
