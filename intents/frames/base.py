"""The first frames for generated training data, per language: templates with {slots} and hard negatives.

Written for this project (not taken from any evaluation set). Each language has frames for
opt_out, opt_in, help and other; "other" holds the hard negatives of each pattern: the
keyword about something else, a cancelled order, a question, an ordinary reply.
"""
from __future__ import annotations

from typing import Any

EN: dict[str, Any] = {
    "slots": {
        "pol": ("", "please", "pls", "plz", "kindly", "can you", "could you please", "would you",
                "hey", "ok", "i said", "i'm asking you to", "for the last time", "seriously"),
        "stopv": ("stop", "quit", "cease", "stop", "quit", "knock off"),
        "ger": ("texting", "messaging", "sending", "contacting", "txting", "spamming", "bugging",
                "calling and texting", "blowing up", "hitting up", "emailing and texting", "sending texts to"),
        "obj": ("me", "this number", "my phone", "my cell", "us", "me and my wife", "this phone"),
        "tail": ("", "", "please", "thanks", "now", "asap", "already", "immediately", "for good",
                 "thank you", "right now", "!!", "ok", "forever"),
        "noun": ("texts", "messages", "promos", "alerts", "offers", "deals", "updates", "reminders",
                 "sms", "notifications", "marketing texts", "coupons", "ads", "newsletters"),
        "rem": ("remove", "take", "delete", "drop", "erase", "scratch", "get", "cross"),
        "me": ("me", "my number", "my name", "my info", "my details", "this number", "my contact",
               "us", "my cell", "my phone number"),
        "off": ("off your list", "from your list", "off the list", "from your database",
                "from your system", "off your contacts", "from all your lists", "off this list",
                "from the mailing list", "from your records", "off the texting list"),
        "want": ("want", "wish", "need", "care", "like"),
        "name": ("Amy", "Carlos", "Denise", "Mr. Lee", "Priya", "Jim", "Mrs. Okafor", "Tyler",
                 "Sofia", "Ahmed", "Beth", "Gordon"),
        "gone": ("go away", "get lost", "leave me alone", "leave me be", "piss off", "buzz off",
                 "go to hell", "f off", "get off my phone", "bug off", "back off", "take a hike"),
        "why": ("", "i never signed up", "i don't know you", "i'm not interested", "this is spam",
                "i'm tired of this", "too many texts", "i'm done", "not relevant to me", "you're annoying"),
        "kw": ("stop", "quit", "cancel", "unsubscribe", "end", "stopall", "opt out"),
        "keep": ("keep", "don't stop", "never stop", "please keep", "continue", "keep on"),
        "thing": ("order", "appointment", "reservation", "booking", "delivery", "payment", "flight",
                  "table for tonight", "class", "pickup", "ticket", "trial order"),
        "other_ger": ("laughing", "thinking about it", "smoking", "worrying", "eating sugar",
                      "crying", "being so nice", "by later", "at the store", "by the office"),
        "msgverb": ("text", "call", "message", "email", "ping", "txt"),
        "event": ("get home", "land", "get there", "are ready", "leave work", "wake up", "finish"),
        "msgthing": ("text", "message", "email", "voicemail", "pics", "msg", "card"),
        "when": ("later", "tonight", "tomorrow", "in 5", "after class", "this weekend", "at lunch", "soon"),
        "phone": ("died", "is broken", "is on silent", "fell in the sink", "was off", "is charging",
                  "is acting up", "won't turn on"),
        "stuff": ("pics", "photos", "address", "link", "file", "video", "song", "recipe", "details", "number"),
        "place": ("store", "gas station", "bank", "mall", "pharmacy", "post office", "park", "bar"),
        "place2": ("table", "fridge", "counter", "desk", "porch"),
        "food": ("cake", "coffee", "pizza", "onions", "milk", "bread", "wine", "dessert"),
        "chore": ("work", "the dishes", "my homework", "the laundry", "this week", "exams"),
        "habit": ("smoking", "drinking soda", "my job", "the gym", "coffee"),
        "contact": ("number", "email", "address", "cell", "new number"),
        "event2": ("game", "meeting", "party", "movie", "class", "show", "concert", "practice"),
        "time": ("5", "10 min", "noon", "8pm", "half an hour"),
        "opinion": ("vote blue", "taxes are way too high", "the president is doing great", "both parties are corrupt",
                    "prices are insane lately", "your candidate is a joke", "this country needs change",
                    "go team", "love this store", "best service ever", "your prices are too high",
                    "the last order was late", "nobody wants that", "what a waste of money"),
        "refuse": ("not interested", "no thanks", "no thank you", "not right now", "maybe next time",
                   "i'll pass", "nope", "not this time", "hard pass", "not for me", "no sale"),
        "thanks": ("thanks", "thank you", "thx", "ty", "appreciate it", "cheers", "great, thanks"),
        "adj": ("interested", "sure", "hungry", "ready", "home", "mad", "available", "convinced", "selling",
                "able to come", "feeling well", "at work"),
        "contact2": ("profile", "account", "album", "phone", "cart"),
        "short": ("super", "good", "sweet", "lovely", "funny", "got", "thanks for the", "long", "cute", "old"),
        "chat": ("had food?", "what's up", "where are you", "you ok?", "how was your day", "lol", "miss you",
                 "call me", "busy?", "going out later?"),
    },
    "opt_out": [
        "{pol} {stopv} {ger} {obj} {tail}", "{pol} {rem} {me} {off} {tail}",
        "{pol} no more {noun} {tail}", "i don't {want} to get any more {noun}",
        "i no longer {want} to receive your {noun}", "{pol} unsubscribe me from the {noun} {tail}",
        "{pol} opt me out of the {noun}", "{pol} don't text {obj} again", "do not contact {obj} {tail}",
        "never message {obj} again", "{gone}", "{gone} {tail}", "{gone}, {why}",
        "{why}. {kw}", "{why}, {kw} {tail}", "{kw}. {why}", "{kw} - {why}",
        "this is not {name}, wrong number", "i'm not {name}", "not {name}. {kw}", "no {name} here",
        "there is no {name} at this number", "you have the wrong person, i'm not {name}",
        "this isn't {name}'s phone anymore", "{name} doesn't have this number anymore",
        "{name} passed away, please stop", "this number belongs to a business now",
        "wrong number, {rem} {me} {off}", "i want out of these {noun}", "i've had enough of these {noun}",
        "these {noun} are unwanted", "i'd like these {noun} discontinued", "send no further {noun} to this phone",
        "i'd appreciate it if you stopped {ger} {obj}", "i've told you to stop {ger} {obj}",
        "unenroll this number", "unenrol me", "exit", "{kw} {kw}", "{kw}!!! {tail}", "{pol} {kw} {tail}",
        "how do i get these {noun} to stop", "how do i make the {noun} stop", "i want to opt out {tail}",
        "i revoke my consent to these {noun}", "{pol} delete my data and stop the {noun}",
        "count me out of the {noun}", "lose my number", "forget you ever had my number",
        "i'm blocking this number", "reporting this as spam", "{why}, stop {ger} {obj}",
        "i changed my mind and don't want these {noun} anymore", "email only please, no {noun}",
    ],
    "opt_in": [
        "{pol} sign me back up {tail}", "{pol} add me back to the list", "{pol} resubscribe me",
        "i texted stop by accident", "i replied stop by mistake, {pol} turn them back on",
        "{pol} turn my {noun} back on", "i want to get your {noun} again", "{pol} start sending me {noun} again",
        "opt me back in {tail}", "i didn't mean to unsubscribe", "put me back on the {noun} list",
        "i miss your {noun}, subscribe me again", "resume my {noun} {tail}", "i'd like to rejoin the {noun}",
        "count me back in", "re-subscribe {tail}", "{pol} reactivate my {noun}", "undo my unsubscribe",
    ],
    "help": [
        "if i say stop will i lose my points?",  # a question about opting out (#28), not chatter
        "who is this?", "who's this", "who are you", "{pol} who is texting me", "who dis",
        "how did you get my number?", "where did you get my number", "how'd you get this number",
        "what is this about?", "what's this regarding", "what company is this",
        "who do you work for", "what are you talking about", "what is this text", "{pol} help",
        "i need help with my account", "how often will you text me", "what are the message rates",
        "is this a real company?", "who sent this message", "how do i contact support",
        "what does reply stop do?", "what happens if i text stop", "can i talk to a person",
        "which store is this from", "i don't recognize this number, who is it",
    ],
    "other": [
        "{keep} sending me {noun}", "{keep} the {noun} coming", "i love these {noun}",
        "i can't stop {other_ger}", "i'll stop {other_ger}", "stop {other_ger}", "i quit {other_ger}",
        "{pol} cancel my {thing}", "can i cancel my {thing}?", "i need to cancel my {thing}",
        "i cancelled my {thing} already", "remove the item from my cart", "remove my old card",
        "please end the call", "at the end of the month", "the end of the week works",
        "i'll stop by tomorrow", "where is the bus stop", "what time do you stop serving",
        "don't you dare take me off, i love these", "don't stop the {noun}", "never stop texting me deals",
        "i cancelled my gym, not you guys", "i quit my job today", "my friend said stop by",
        "wrong size, can i exchange it", "the wrong item arrived", "i got the wrong color",
        "not interested in that one but keep me posted", "yes", "ok thanks", "sounds good",
        "see you at 5", "what time do you open", "is the sale still on", "how much is shipping",
        "thanks for the reminder", "got it", "can you text me the address", "my order hasn't arrived",
        "stop by the store sometime", "i'd like to stop my order being shipped to the old address",
        "{name} said to text you", "is {name} working today", "tell {name} i said hi",
        "what does stop mean on the receipt",
        "don't cancel, i'm coming", "no need to remove me, i like it", "nothing to end yet",
        "quit playing, is this real?", "hell no i'm not selling", "not interested right now",
        "no thanks", "maybe later", "not today", "i'm not sure", "i'm not home", "i'm not ready yet",
        "not for sale", "how much are you offering?", "send me the details", "call me later",
        "{msgverb} me when you {event}", "did you get my {msgthing}?", "i'll {msgverb} you {when}",
        "my phone {phone}", "{pol} send me the {stuff}", "i'll send the {stuff} {when}",
        "stop at the {place} on the way", "we stopped at the {place}", "can we stop for {food}",
        "no more {food} for me", "i'm done with {chore}", "i quit {habit} last year",
        "remove the {food} from my order", "delete that {stuff}", "leave the {stuff} on the {place2}",
        "the list is on the {place2}", "put {food} on the list", "what's your {contact}?",
        "is this your new {contact}?", "i got a new {contact}, save it", "text {name} the {stuff}",
        "don't {msgverb} while driving", "don't forget the {food}", "i don't want {food} tonight",
        "i don't know, {msgverb} me {when}", "can't talk, {msgverb} me {when}", "{name} says hi",
        "the game ends at {time}", "when does the {event2} end?", "the {event2} got cancelled",
        "they cancelled the {event2}", "we'll end up at the {place}", "quit joking around",
        "stop it you're making me laugh", "lol stop", "omg stop, you're too funny", "please stop being so sweet",
        "i can't stop {other_ger}", "he wouldn't stop talking", "i had to stop the car",
        "is the {place} still open?", "what time is the {event2}?", "how was the {event2}?",
        "wrong turn, be there in {time}", "sorry i had the wrong {stuff}", "i think i sent you the wrong {stuff}",
        "{opinion}", "{opinion}!!", "no way, {opinion}", "{refuse}", "{refuse}. {opinion}", "{refuse}, {thanks}",
        "{thanks}", "{thanks}, {msgverb} me {when}", "got your {msgthing}, {thanks}", "just saw your {msgthing}",
        "sorry, missed your {msgthing}", "sent you a {msgthing}", "check your {msgthing}", "no {msgthing} from him yet",
        "my {contact} changed, update my account", "please update my {contact}", "can you {msgverb} my wife instead",
        "which {place} do i get off at?", "the {place} closes at {time}", "we're out of {food}",
        "i'm out of {food}", "count me in for the {event2}", "sign me up for the {event2}", "i'm in!",
        "keep me posted", "let me know", "stop by anytime", "end of story", "happy to help",
        "cancel the {event2}? no way", "they stopped selling {food}", "how do i remove a {stuff} from my {contact2}?",
        "{name}, is that you?", "is this {name}?", "this is {name}, new phone", "hi it's {name}",
        "i'm not {adj}", "i'm not {adj}, just tired", "not {adj} at all", "i am not {adj} right now",
        "the {stuff} was wrong", "you sent the wrong {stuff}", "who's coming to the {event2}?",
        "who is bringing the {food}?", "what is this {stuff} you sent?", "how did the {event2} go?",
        "{short} {msgthing}", "{msgthing} {short}", "so no {msgthing}? {chat}", "no {msgthing} yet, {chat}",
        "did u {msgverb} them or {msgverb} them?", "{chat}, {msgverb} me", "{short} {msgthing} da", "nice {msgthing} :)",
        "your {msgthing} made my day", "{name} never {msgverb}s back", "i'd rather not {msgverb} him",
        "don't {msgverb} her, she's asleep", "i didn't get any {msgthing}", "no {msgthing} from the bank",
        "i'll {msgverb} the {place} and ask", "i stopped by your place", "we stop at {time}",
        "he had to stop the {event2}", "they won't stop talking about the {event2}", "make a list for the {place}",
        "my list of {stuff}", "the {event2} list is up", "number {time} bus", "my number is on the {stuff}",
        "if you go away i'll miss you", "don't go away, stay", "stay with me", "please don't leave me",
        "i'm leaving the {place} now", "leave it, i'll do it", "i need to remove the {food} stain",
    ],
}

ES: dict[str, Any] = {
    "slots": {
        "pol": ("", "por favor", "porfa", "ya", "oigan", "les pido que"),
        "verb": ("manden", "envíen", "escriban", "mandes", "envíes", "manden promociones", "envíen ofertas"),
        "noun": ("mensajes", "promociones", "ofertas", "textos", "sms", "notificaciones", "anuncios"),
        "tail": ("", "gracias", "por favor", "ya", "ahora", "nunca más"),
        "name": ("María", "José", "Lupita", "Carlos"),
        "thing": ("pedido", "cita", "reservación", "orden", "compra"),
    },
    "opt_out": [
        "{pol} no me {verb} más {tail}", "ya no me {verb}", "dejen de mandarme {noun} {tail}",
        "no quiero recibir más {noun}", "{pol} sáquenme de la lista", "bórrenme de su lista {tail}",
        "quiero darme de baja de los {noun}", "ya no quiero sus {noun}", "no me contacten más",
        "número equivocado, no soy {name}", "no soy {name}", "aquí no vive ningún {name}",
        "déjenme en paz", "eliminen mi número {tail}", "basta de {noun}", "no más {noun} {tail}",
        "ya estuvo, no me escriban", "cancelen los {noun}", "paren de escribirme",
    ],
    "opt_in": ["quiero volver a recibir {noun}", "vuelvan a mandarme {noun}", "suscríbanme de nuevo",
               "mandé baja por error", "quiero seguir recibiendo {noun}", "actívenme los {noun} otra vez"],
    "help": ["¿quién es?", "¿quién me está escribiendo?", "¿de dónde sacaron mi número?",
             "¿de qué se trata esto?", "¿quién eres?", "¿qué empresa es esta?", "necesito ayuda {tail}"],
    "other": ["quiero cancelar mi {thing}", "¿puedo cambiar mi {thing}?", "gracias", "sí, ahí estaré",
              "no pares de mandar ofertas", "me encantan sus {noun}", "¿a qué hora abren?",
              "no puedo parar de reír", "al final del mes", "¿cuánto cuesta el envío?"],
}

FR: dict[str, Any] = {
    "slots": {
        "pol": ("", "svp", "s'il vous plaît", "merci de", "pitié,"),
        "noun": ("messages", "sms", "promotions", "offres", "textos", "notifications", "pubs"),
        "verb": ("envoyer", "écrire", "contacter", "spammer"),
        "tail": ("", "merci", "svp", "maintenant", "s'il vous plaît"),
        "name": ("Marie", "Julien", "Mme Dupont", "Karim"),
        "thing": ("commande", "rendez-vous", "réservation", "livraison"),
    },
    "opt_out": [
        "{pol} arrêtez de m'{verb} {tail}", "arrêtez de me {verb} des {noun}", "ne m'envoyez plus de {noun}",
        "je ne veux plus recevoir vos {noun}", "désabonnez-moi {tail}", "retirez-moi de votre liste",
        "supprimez mon numéro {tail}", "plus de {noun} {tail}", "laissez-moi tranquille",
        "mauvais numéro, je ne suis pas {name}", "je ne suis pas {name}", "cessez de m'{verb}",
        "je veux me désinscrire des {noun}", "stop aux {noun}", "fichez-moi la paix",
    ],
    "opt_in": ["je veux de nouveau recevoir vos {noun}", "réabonnez-moi {tail}", "j'ai envoyé stop par erreur",
               "remettez-moi sur la liste", "réactivez mes {noun}"],
    "help": ["qui est-ce ?", "c'est qui ?", "qui êtes-vous ?", "où avez-vous eu mon numéro ?",
             "c'est à quel sujet ?", "j'ai besoin d'aide {tail}", "quelle entreprise ?"],
    "other": ["je veux annuler ma {thing}", "merci beaucoup", "d'accord, à demain", "j'adore vos {noun}",
              "je ne peux pas m'arrêter de rire", "à la fin du mois", "où est l'arrêt de bus ?"],
}

DE: dict[str, Any] = {
    "slots": {
        "pol": ("", "bitte", "bitte bitte", "jetzt reicht's,"),
        "noun": ("nachrichten", "sms", "werbung", "angebote", "mitteilungen", "newsletter"),
        "tail": ("", "danke", "bitte", "sofort", "endlich"),
        "name": ("Anna", "Herr Müller", "Jonas", "Frau Schmidt"),
        "thing": ("bestellung", "termin", "reservierung", "lieferung"),
    },
    "opt_out": [
        "{pol} keine {noun} mehr {tail}", "hören sie auf mir {noun} zu schicken", "schreiben sie mir nicht mehr",
        "ich will keine {noun} mehr von euch", "melden sie mich ab {tail}", "löschen sie meine nummer {tail}",
        "entfernen sie mich aus der liste", "lassen sie mich in ruhe", "falsche nummer, ich bin nicht {name}",
        "ich bin nicht {name}", "ich möchte mich von den {noun} abmelden", "schluss mit den {noun}",
    ],
    "opt_in": ["ich möchte wieder {noun} bekommen", "melden sie mich wieder an", "aus versehen stop geschickt",
               "bitte wieder {noun} schicken"],
    "help": ["wer ist das?", "wer sind sie?", "woher haben sie meine nummer?", "worum geht es?",
             "ich brauche hilfe {tail}"],
    "other": ["ich möchte meine {thing} stornieren", "danke schön", "bis morgen", "ich liebe eure {noun}",
              "wo ist die haltestelle?", "am ende des monats"],
}

PT: dict[str, Any] = {
    "slots": {
        "pol": ("", "por favor", "pfv", "poxa,"),
        "noun": ("mensagens", "sms", "promoções", "ofertas", "notificações"),
        "tail": ("", "obrigado", "obrigada", "por favor", "agora"),
        "name": ("Ana", "João", "Dona Maria", "Pedro"),
        "thing": ("pedido", "consulta", "reserva", "entrega"),
    },
    "opt_out": [
        "{pol} parem de me mandar {noun} {tail}", "não me mandem mais {noun}", "não quero mais receber {noun}",
        "me tirem da lista {tail}", "quero me descadastrar", "apaguem meu número", "me deixa em paz",
        "número errado, não sou {name}", "não sou {name}", "chega de {noun}", "para de me mandar mensagem",
    ],
    "opt_in": ["quero voltar a receber {noun}", "me inscrevam de novo", "mandei parar por engano"],
    "help": ["quem é?", "quem fala?", "como conseguiram meu número?", "do que se trata?", "preciso de ajuda"],
    "other": ["quero cancelar meu {thing}", "obrigado", "até amanhã", "adoro as {noun}", "no fim do mês"],
}

IT: dict[str, Any] = {
    "slots": {
        "pol": ("", "per favore", "per piacere", "vi prego,"),
        "noun": ("messaggi", "sms", "promozioni", "offerte", "notifiche"),
        "tail": ("", "grazie", "per favore", "subito"),
        "name": ("Giulia", "Marco", "la signora Rossi", "Luca"),
        "thing": ("ordine", "appuntamento", "prenotazione", "consegna"),
    },
    "opt_out": [
        "{pol} smettetela di mandarmi {noun} {tail}", "non mandatemi più {noun}", "non voglio più ricevere {noun}",
        "toglietemi dalla lista {tail}", "cancellate il mio numero", "lasciatemi in pace",
        "numero sbagliato, non sono {name}", "non sono {name}", "basta {noun} {tail}", "disiscrivetemi",
    ],
    "opt_in": ["voglio ricevere di nuovo i {noun}", "iscrivetemi di nuovo", "ho scritto stop per sbaglio"],
    "help": ["chi è?", "chi siete?", "dove avete preso il mio numero?", "di cosa si tratta?", "ho bisogno di aiuto"],
    "other": ["voglio annullare il mio {thing}", "grazie mille", "a domani", "adoro le vostre {noun}"],
}

NL: dict[str, Any] = {
    "slots": {"noun": ("berichten", "sms'jes", "aanbiedingen", "meldingen"), "tail": ("", "alsjeblieft", "graag", "nu"),
              "name": ("Sanne", "Daan")},
    "opt_out": ["stuur me geen {noun} meer {tail}", "geen {noun} meer", "haal me van de lijst {tail}",
                "ik wil me afmelden", "laat me met rust", "verkeerd nummer, ik ben {name} niet",
                "verwijder mijn nummer {tail}", "stop met sms'en"],
    "opt_in": ["ik wil weer {noun} ontvangen", "meld me weer aan"],
    "help": ["wie is dit?", "hoe komen jullie aan mijn nummer?", "waar gaat dit over?"],
    "other": ["ik wil mijn bestelling annuleren", "dank je wel", "tot morgen"],
}

PL: dict[str, Any] = {
    "slots": {"noun": ("wiadomości", "smsów", "reklam", "ofert"), "tail": ("", "proszę", "dziękuję"),
              "name": ("Anna", "Piotr")},
    "opt_out": ["nie chcę więcej {noun} {tail}", "przestańcie do mnie pisać", "wypiszcie mnie {tail}",
                "usuńcie mój numer", "zły numer, nie jestem {name}", "nie wysyłajcie mi {noun}"],
    "opt_in": ["chcę znowu dostawać {noun}", "zapiszcie mnie ponownie"],
    "help": ["kto to?", "skąd macie mój numer?", "o co chodzi?"],
    "other": ["chcę anulować zamówienie", "dziękuję bardzo", "do jutra"],
}

RU: dict[str, Any] = {
    "slots": {"noun": ("сообщения", "смс", "рекламу", "рассылку"), "tail": ("", "пожалуйста", "спасибо")},
    "opt_out": ["не присылайте мне {noun} {tail}", "перестаньте писать мне", "отпишите меня {tail}",
                "удалите мой номер", "хватит присылать {noun}", "не пишите больше"],
    "opt_in": ["хочу снова получать {noun}", "подпишите меня обратно"],
    "help": ["кто это?", "откуда у вас мой номер?", "о чём это?"],
    "other": ["хочу отменить заказ", "спасибо большое", "до завтра"],
}

ZH: dict[str, Any] = {
    "slots": {"noun": ("短信", "消息", "广告", "推销信息"), "tail": ("", "谢谢", "请")},
    "opt_out": ["不要再给我发{noun}了", "别再发{noun}了{tail}", "请把我从名单里删除", "我不想再收到{noun}",
                "取消订阅{tail}", "你们发错人了", "停止发送{noun}"],
    "opt_in": ["我想重新接收{noun}", "请重新给我发{noun}"],
    "help": ["你是谁？", "你们怎么有我的号码？", "这是关于什么的？"],
    "other": ["我想取消订单", "谢谢", "明天见"],
}

KO: dict[str, Any] = {
    "slots": {"tail": ("", "제발", "감사합니다")},
    "opt_out": ["문자 그만 보내세요 {tail}", "더 이상 연락하지 마세요", "수신거부 {tail}", "메시지 보내지 마세요",
                "제 번호 지워주세요", "잘못된 번호입니다", "광고 문자 그만"],
    "opt_in": ["다시 문자 받고 싶어요", "다시 구독할게요"],
    "help": ["누구세요?", "제 번호 어떻게 아셨어요?", "무슨 일이세요?"],
    "other": ["주문 취소하고 싶어요", "감사합니다", "내일 봬요"],
}

VI: dict[str, Any] = {
    "slots": {"tail": ("", "làm ơn", "cảm ơn")},
    "opt_out": ["đừng nhắn tin cho tôi nữa {tail}", "dừng gửi tin nhắn", "tôi không muốn nhận tin nhắn nữa",
                "hủy đăng ký {tail}", "xóa số của tôi", "sai số rồi", "ngừng gửi quảng cáo"],
    "opt_in": ["tôi muốn nhận tin nhắn lại", "đăng ký lại cho tôi"],
    "help": ["ai vậy?", "sao có số của tôi?", "chuyện gì vậy?"],
    "other": ["tôi muốn hủy đơn hàng", "cảm ơn", "hẹn gặp lại"],
}

AR: dict[str, Any] = {
    "slots": {"tail": ("", "من فضلك", "شكرا")},
    "opt_out": ["توقفوا عن إرسال الرسائل {tail}", "لا ترسلوا لي رسائل", "لا أريد رسائل بعد الآن",
                "احذفوا رقمي", "إلغاء الاشتراك {tail}", "رقم خاطئ"],
    "opt_in": ["أريد استلام الرسائل مرة أخرى"],
    "help": ["من أنت؟", "من أين حصلتم على رقمي؟"],
    "other": ["أريد إلغاء طلبي", "شكرا جزيلا"],
}

TL: dict[str, Any] = {
    "slots": {"tail": ("", "po", "please", "salamat")},
    "opt_out": ["huwag na kayong mag-text {tail}", "itigil niyo na ang pag-text", "ayaw ko na ng mga text",
                "alisin niyo ako sa listahan", "tigilan niyo na ako {tail}", "wrong number po", "wag na po mag text"],
    "opt_in": ["gusto ko ulit makatanggap ng text"],
    "help": ["sino to?", "saan niyo nakuha number ko?"],
    "other": ["gusto ko i-cancel ang order ko", "salamat po"],
}

HI: dict[str, Any] = {
    "slots": {"tail": ("", "please", "plz", "bhai")},
    "opt_out": ["message mat bhejo {tail}", "sms band karo", "mujhe message nahi chahiye",
                "mera number hatao list se", "bar bar message mat karo", "ye messages band kar do {tail}",
                "galat number hai"],
    "opt_in": ["mujhe phir se message bhejo"],
    "help": ["kaun ho aap?", "mera number kahan se mila?"],
    "other": ["mera order cancel karna hai", "dhanyavaad"],
}

FRAMES: dict[str, dict[str, Any]] = {
    "en": EN, "es": ES, "fr": FR, "de": DE, "pt": PT, "it": IT, "nl": NL, "pl": PL, "ru": RU,
    "zh": ZH, "ko": KO, "vi": VI, "ar": AR, "tl": TL, "hi": HI,
}
