//! Words for believable Russian data: a coffee-and-tea shop's catalogue and its buyers.

/// A product family: base name, models, variants and the price of the cheapest variant.
pub struct Family {
    pub base: &'static str,
    pub article: &'static str,
    pub models: &'static [&'static str],
    pub variants: &'static [&'static str],
    pub price: f64,
}

pub const FAMILIES: &[Family] = &[
    Family {
        base: "Кофе в зёрнах",
        article: "KZ",
        models: &[
            "Бразилия Сантос",
            "Эфиопия Иргачеффе",
            "Колумбия Супремо",
            "Кения АА",
            "Гватемала Антигуа",
            "Эспрессо-смесь Классика",
            "Эспрессо-смесь Крема",
            "Индия Плантейшн",
            "Никарагуа Марагоджип",
            "Руанда Бурбон",
        ],
        variants: &["250 г", "500 г", "1 кг"],
        price: 690.0,
    },
    Family {
        base: "Кофе молотый",
        article: "KM",
        models: &[
            "для турки Восточный",
            "для эспрессо Итальянский",
            "для фильтра Утренний",
            "без кофеина Колумбия",
            "Арабика 100%",
        ],
        variants: &["250 г", "500 г"],
        price: 540.0,
    },
    Family {
        base: "Чай листовой",
        article: "CH",
        models: &[
            "Ассам TGFOP",
            "Дарджилинг",
            "Эрл Грей",
            "Сенча",
            "Молочный улун",
            "Да Хун Пао",
            "Пуэр Шу",
            "Жасминовый",
            "Иван-чай",
            "Ройбуш апельсин",
            "Мате",
            "Цейлон ОРА",
        ],
        variants: &["100 г", "250 г"],
        price: 320.0,
    },
    Family {
        base: "Турка",
        article: "TR",
        models: &[
            "медная с лужением",
            "латунная чеканная",
            "керамическая",
            "из нержавеющей стали",
            "медная Армения",
        ],
        variants: &["300 мл", "500 мл", "700 мл"],
        price: 1450.0,
    },
    Family {
        base: "Кофемолка",
        article: "KG",
        models: &[
            "ручная жерновая",
            "электрическая ножевая",
            "электрическая жерновая",
            "ручная керамическая",
            "дорожная",
        ],
        variants: &["чёрная", "серебристая"],
        price: 1990.0,
    },
    Family {
        base: "Френч-пресс",
        article: "FP",
        models: &["стеклянный классический", "двойные стенки", "бамбуковый"],
        variants: &["350 мл", "600 мл", "1 л"],
        price: 890.0,
    },
    Family {
        base: "Чашка",
        article: "CP",
        models: &[
            "фарфоровая Капучино",
            "двойное стекло",
            "эспрессо с блюдцем",
            "латте высокая",
            "керамическая ручной работы",
        ],
        variants: &["белая", "чёрная", "синяя"],
        price: 390.0,
    },
    Family {
        base: "Сироп",
        article: "SR",
        models: &[
            "Ваниль",
            "Карамель",
            "Лесной орех",
            "Кокос",
            "Шоколад",
            "Солёная карамель",
            "Мята",
            "Амаретто",
        ],
        variants: &["250 мл", "1 л"],
        price: 350.0,
    },
    Family {
        base: "Кофемашина",
        article: "KMA",
        models: &[
            "рожковая Barista Pro",
            "автоматическая Latte One",
            "капсульная Mini",
            "рожковая Classic",
        ],
        variants: &["белая", "чёрная"],
        price: 18990.0,
    },
    Family {
        base: "Чайник заварочный",
        article: "ZCH",
        models: &[
            "стеклянный с ситом",
            "чугунный Тецубин",
            "фарфоровый",
            "глиняный исинский",
        ],
        variants: &["500 мл", "800 мл", "1,2 л"],
        price: 990.0,
    },
    Family {
        base: "Пуровер",
        article: "PV",
        models: &[
            "керамический V60",
            "стеклянный Кемекс",
            "металлический",
            "пластиковый",
        ],
        variants: &["на 1 чашку", "на 2 чашки"],
        price: 790.0,
    },
    Family {
        base: "Фильтры бумажные",
        article: "FB",
        models: &["для пуровера", "для кемекса", "для капельной кофеварки"],
        variants: &["40 шт", "100 шт"],
        price: 250.0,
    },
];

pub const FIRST_NAMES: &[&str] = &[
    "Иван",
    "Мария",
    "Алексей",
    "Елена",
    "Дмитрий",
    "Анна",
    "Сергей",
    "Ольга",
    "Павел",
    "Наталья",
    "Андрей",
    "Татьяна",
    "Михаил",
    "Светлана",
    "Николай",
    "Ирина",
];
pub const LAST_NAMES: &[&str] = &[
    "Петров",
    "Смирнова",
    "Кузнецов",
    "Попова",
    "Васильев",
    "Соколова",
    "Михайлов",
    "Новикова",
    "Фёдоров",
    "Морозова",
    "Волков",
    "Алексеева",
    "Лебедев",
    "Семёнова",
    "Егоров",
    "Павлова",
];
pub const STREETS: &[&str] = &[
    "ул. Тверская",
    "Ленинский пр-т",
    "ул. Арбат",
    "Невский пр-т",
    "ул. Профсоюзная",
    "Кутузовский пр-т",
    "ул. Маросейка",
    "ул. Садовая",
];

/// Latin transliteration for e-mail addresses.
pub fn translit(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        let s = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' => "e",
            'ё' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "h",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "sch",
            'ы' => "y",
            'э' => "e",
            'ю' => "yu",
            'я' => "ya",
            'ь' | 'ъ' => "",
            other if other.is_ascii_alphanumeric() => {
                out.push(other);
                continue;
            }
            _ => continue,
        };
        out.push_str(s);
    }
    out
}

/// A 1C-style GUID, deterministic for a number.
pub fn guid(n: u64) -> String {
    let a = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5DEE_CE66;
    let b = n.wrapping_mul(0xC2B2_AE3D_27D4_EB4F).rotate_left(17);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        (a >> 32) as u32,
        (a >> 16) as u16,
        a as u16,
        (b >> 48) as u16,
        b & 0xFFFF_FFFF_FFFF
    )
}
