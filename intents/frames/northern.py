"""More frames in German, Dutch, Polish and Russian: requests, opt-ins, help, hard negatives.

Written for this project; not taken from any evaluation set. Slots avoid gendered articles
so that every filling is grammatical.
"""
from __future__ import annotations

from typing import Any

DE: dict[str, Any] = {
    "slots": {
        "pol": ("", "bitte", "hallo,", "sehr geehrte damen und herren,", "ich bitte sie,", "zum letzten mal:",
                "ernsthaft,", "hört endlich auf,"),
        "noun": ("nachrichten", "sms", "werbung", "angebote", "mitteilungen", "newsletter", "werbe-sms",
                 "benachrichtigungen", "gutscheine", "erinnerungen"),
        "tail": ("", "danke", "bitte", "sofort", "endlich", "ab sofort", "ein für alle mal", "!!", "mfg"),
        "name": ("Anna", "Herr Müller", "Jonas", "Frau Schmidt", "Lukas", "Frau Yilmaz", "Tobias"),
        "thing": ("bestellung", "termin", "reservierung", "lieferung", "buchung", "tischreservierung"),
        "why": ("kein interesse", "ich habe mich nie angemeldet", "ich kenne sie nicht", "das ist spam",
                "es nervt", "viel zu viele nachrichten"),
        "when": ("morgen", "heute abend", "später", "am montag", "gleich"),
        "place": ("apotheke", "bäckerei", "bank", "post", "haltestelle"),
    },
    "opt_out": [
        "{pol} schicken sie mir keine {noun} mehr {tail}", "{pol} hören sie auf, mir zu schreiben", "{pol} tragen sie mich aus",
        "{pol} streichen sie meine nummer {tail}", "ich möchte keine {noun} mehr erhalten", "ich will abgemeldet werden {tail}",
        "bitte abmelden {tail}", "{why}, bitte abmelden", "{why}. keine {noun} mehr", "{why}, löschen sie meine daten",
        "{name} hat diese nummer nicht mehr", "falsch verbunden, hier ist nicht {name}", "{name} wohnt hier nicht",
        "sie haben die falsche nummer", "lasst mich in ruhe", "schluss jetzt mit {noun}", "rufen sie mich nie wieder an",
        "ich widerrufe meine einwilligung", "löschen sie alle meine daten", "kontaktieren sie mich nicht mehr",
        "ich will nichts mehr von euch hören", "austragen bitte",
    ],
    "opt_in": [
        "{pol} schicken sie mir wieder {noun}", "ich möchte die {noun} wieder bekommen", "ich habe mich aus versehen abgemeldet",
        "versehentlich stop geschrieben, bitte wieder anmelden", "tragen sie mich wieder ein {tail}",
        "ich will wieder {noun} von euch", "bitte wieder auf die liste setzen",
    ],
    "help": [
        "wer ist da?", "wer schreibt mir?", "{pol} wer sind sie?", "was ist das für eine nachricht?", "woher kennen sie meine nummer?",
        "welche firma ist das?", "warum schreiben sie mir?", "ich brauche hilfe mit meinem konto", "wie erreiche ich sie?",
        "was passiert, wenn ich stop antworte?", "kostet das etwas?", "ich kenne diese nummer nicht, wer ist das?",
    ],
    "other": [
        "{pol} stornieren sie meine {thing}", "kann ich meine {thing} stornieren?", "ich muss meine {thing} verschieben",
        "hört nicht auf mit den {noun}, die sind super", "schickt mir weiter {noun}", "danke für die info",
        "bis {when}", "ich gehe {when} zur {place}", "ok danke", "alles klar", "passt", "was kostet das?",
        "haben sie {when} offen?", "ich kann nicht aufhören zu lachen", "ich habe mit dem rauchen aufgehört",
        "ende des monats", "die haltestelle ist bei der {place}", "das interessiert mich nicht, aber gern andere angebote",
        "nein danke, im moment nicht", "das ist meine neue nummer",
    ],
}

NL: dict[str, Any] = {
    "slots": {
        "pol": ("", "alstublieft", "graag", "hallo,", "ik vraag het nog een keer:", "serieus,"),
        "noun": ("berichten", "sms'jes", "aanbiedingen", "meldingen", "reclame", "nieuwsbrieven", "promoties", "sms"),
        "tail": ("", "alsjeblieft", "graag", "nu", "bedankt", "per direct", "!!"),
        "name": ("Sanne", "Daan", "mevrouw de Vries", "Pieter", "Fatima", "Bram"),
        "thing": ("bestelling", "afspraak", "reservering", "levering"),
        "why": ("geen interesse", "ik heb me nooit aangemeld", "ik ken jullie niet", "dit is spam", "ik ben het zat"),
        "when": ("morgen", "vanavond", "straks", "maandag"),
    },
    "opt_out": [
        "{pol} stuur me geen {noun} meer {tail}", "{pol} stop met het sturen van {noun}", "{pol} haal mijn nummer uit jullie bestand",
        "ik wil geen {noun} meer ontvangen", "{why}, meld me af", "{why}. geen {noun} meer", "afmelden {tail}",
        "dit nummer is niet meer van {name}", "verkeerd nummer, ik ben {name} niet", "u heeft het verkeerde nummer",
        "laat me met rust {tail}", "bel me nooit meer", "verwijder al mijn gegevens", "ik trek mijn toestemming in",
        "schrijf me uit {tail}", "neem geen contact meer met mij op",
    ],
    "opt_in": ["{pol} stuur me weer {noun}", "ik heb me per ongeluk afgemeld", "zet me terug op de lijst {tail}",
               "ik wil de {noun} weer ontvangen", "per ongeluk stop gestuurd, meld me weer aan"],
    "help": ["wie is dit?", "wie bent u?", "wie stuurt dit?", "hoe hebben jullie mijn nummer?", "welk bedrijf is dit?",
             "waarom krijg ik dit?", "ik heb hulp nodig", "wat gebeurt er als ik stop stuur?", "wat kost dit?"],
    "other": ["{pol} annuleer mijn {thing}", "kan ik mijn {thing} annuleren?", "blijf {noun} sturen, top", "tot {when}",
              "oké bedankt", "prima", "hoe laat gaan jullie open?", "ik kan niet stoppen met lachen", "ik ben gestopt met roken",
              "einde van de maand", "nee bedankt, nu even niet", "dit is mijn nieuwe nummer", "wat kost het?"],
}

PL: dict[str, Any] = {
    "slots": {
        "pol": ("", "proszę", "bardzo proszę", "dzień dobry,", "po raz ostatni,"),
        "noun": ("wiadomości", "smsów", "reklam", "ofert", "powiadomień", "promocji", "newsletterów"),
        "tail": ("", "proszę", "dziękuję", "natychmiast", "od teraz", "!!"),
        "name": ("Anna", "Piotr", "pani Kowalska", "Tomek", "pan Nowak"),
        "thing": ("zamówienie", "wizytę", "rezerwację", "dostawę"),
        "why": ("nie jestem zainteresowany", "nigdy się nie zapisywałem", "nie znam was", "to spam", "mam dość"),
        "when": ("jutro", "wieczorem", "później", "w poniedziałek"),
    },
    "opt_out": [
        "{pol} nie wysyłajcie mi więcej {noun} {tail}", "{pol} przestańcie do mnie pisać", "{pol} usuńcie mnie z listy",
        "nie chcę dostawać {noun}", "{why}, wypiszcie mnie", "{why}. koniec z tym", "wypisz mnie {tail}",
        "{name} nie ma już tego numeru", "pomyłka, to nie jest {name}", "to zły numer", "dajcie mi spokój",
        "nie dzwońcie więcej", "usuńcie moje dane", "wycofuję zgodę", "rezygnuję z {noun}",
    ],
    "opt_in": ["{pol} wysyłajcie mi znowu {noun}", "wypisałem się przez pomyłkę", "zapiszcie mnie z powrotem {tail}",
               "chcę znowu dostawać {noun}"],
    "help": ["kto to?", "kto pisze?", "kim jesteście?", "skąd macie mój numer?", "co to za firma?",
             "dlaczego do mnie piszecie?", "potrzebuję pomocy", "co się stanie, jak odpiszę stop?"],
    "other": ["{pol} anulujcie {thing}", "czy mogę anulować {thing}?", "do zobaczenia {when}", "dzięki",
              "dobrze", "ile to kosztuje?", "nie mogę przestać się śmiać", "rzuciłem palenie", "koniec miesiąca",
              "nie, dziękuję, nie teraz", "to mój nowy numer"],
}

RU: dict[str, Any] = {
    "slots": {
        "pol": ("", "пожалуйста", "будьте добры,", "здравствуйте,", "в последний раз прошу,"),
        "noun": ("сообщения", "смс", "рекламу", "рассылку", "уведомления", "предложения", "акции"),
        "tail": ("", "пожалуйста", "спасибо", "немедленно", "больше никогда", "!!"),
        "name": ("Ольга", "Иван", "Наталья Петровна", "Саша", "Дмитрий"),
        "thing": ("заказ", "запись", "бронь", "доставку"),
        "why": ("мне это не интересно", "я не подписывался", "я вас не знаю", "это спам", "надоело"),
        "when": ("завтра", "вечером", "позже", "в понедельник"),
    },
    "opt_out": [
        "{pol} не присылайте мне {noun} {tail}", "{pol} перестаньте мне писать", "{pol} удалите меня из рассылки",
        "я не хочу получать {noun}", "{why}, отпишите меня", "{why}. хватит", "отписаться {tail}",
        "{name} больше не пользуется этим номером", "вы ошиблись номером", "{name} здесь не живёт", "оставьте меня в покое",
        "не звоните мне больше", "удалите мои данные", "отзываю согласие", "прекратите рассылку {tail}",
    ],
    "opt_in": ["{pol} присылайте мне снова {noun}", "я отписался по ошибке", "подпишите меня снова {tail}",
               "хочу снова получать {noun}"],
    "help": ["кто это?", "кто пишет?", "вы кто?", "откуда у вас мой номер?", "что за компания?",
             "почему вы мне пишете?", "мне нужна помощь", "что будет, если ответить стоп?"],
    "other": ["{pol} отмените {thing}", "можно отменить {thing}?", "увидимся {when}", "спасибо", "хорошо",
              "сколько стоит?", "не могу перестать смеяться", "я бросил курить", "в конце месяца",
              "нет, спасибо, не сейчас", "это мой новый номер"],
}

FRAMES: dict[str, dict[str, Any]] = {"de": DE, "nl": NL, "pl": PL, "ru": RU}
