"""Demo content for the Juniper Skin & Face Clinic.

Pure data, no Django imports: the demo loader turns it into Wagtail pages.
Body values are StreamField raw data matching the blocks in `treatments/blocks.py`
(`TreatmentBodyBlock` and `ArticleBodyBlock`).

All wording is original. Facts were drawn from public clinic pages and rewritten
in plain British English, with hedged claims throughout.
"""

CLINIC = {
    "name": "Juniper Skin & Face Clinic",
    "phone": "020 7946 0321",
    "email": "hello@juniper-clinic.example",
    "address": "First floor, 14 Juniper Yard\nMarlow Street\nLondon\nN1 9ZZ",
    "booking_url": "https://book.juniper-clinic.example/",
    "opening_hours": [
        {"days": ["Mo", "Tu", "We", "Th", "Fr"], "opens": "09:00", "closes": "18:00"},
        {"days": ["Sa"], "opens": "10:00", "closes": "15:00"},
    ],
}

TREATMENT_INDEX = {
    "title": "Treatments",
    "slug": "treatments",
    "intro": (
        "<p>Three gentle, hands-on treatments for your skin and face. Each page explains "
        "what happens on the day, who it suits and how to care for your skin afterwards.</p>"
        "<p>Not sure which one is right for you? Book a consultation and we will talk it "
        "through with you first.</p>"
    ),
}

CONDITION_INDEX = {
    "title": "Conditions we treat",
    "slug": "conditions",
    "intro": (
        "<p>Choose a concern to read what may be behind it, how we approach it and which of "
        "our treatments may help.</p>"
        "<p>Some skin and face problems need a doctor first. Where that is the case, we will "
        "always tell you.</p>"
    ),
}

# --- Conditions ---------------------------------------------------------------

CONDITIONS = [
    {
        "slug": "fine-lines-and-wrinkles",
        "title": "Fine lines and wrinkles",
        "summary": (
            "Lines are a normal part of getting older, shaped by sun, habits and the "
            "expressions we make every day. Our treatments aim to soften how they look, "
            "gently and gradually."
        ),
        "description": [
            {
                "type": "rich_text",
                "value": (
                    "<p>Fine lines are the shallow creases that first show around the eyes, "
                    "mouth and forehead. Over the years some of them deepen into wrinkles "
                    "that stay even when your face is still.</p>"
                    "<h2>Why lines form</h2>"
                    "<p>From our mid-twenties, skin slowly makes less collagen and elastin, "
                    "the proteins that keep it firm and springy. Sun exposure, smoking, poor "
                    "sleep and repeated expressions such as frowning or squinting all add "
                    "to this.</p>"
                    "<h2>How we can help</h2>"
                    "<p>All three of our treatments may help. Microneedling and facial "
                    "acupuncture prompt the skin to repair itself, which over time may "
                    "encourage fresh collagen. Facial massage works on tight muscles and "
                    "circulation, so many people notice their face looks softer and more "
                    "rested. Daily sunscreen helps protect whatever you gain.</p>"
                ),
            },
            {
                "type": "faq",
                "value": {
                    "heading": "Your questions",
                    "questions": [
                        {
                            "question": "Which treatment works best for lines?",
                            "answer": (
                                "<p>It depends on your skin and how deep the lines are. "
                                "Finer lines often respond to massage or acupuncture, while "
                                "deeper ones may do better with microneedling. We will "
                                "suggest a plan at your consultation.</p>"
                            ),
                        },
                        {
                            "question": "How long before I see a difference?",
                            "answer": (
                                "<p>Changes are gradual. Many people notice fresher-looking "
                                "skin after a few weeks; lines tend to soften more slowly, "
                                "over a full course.</p>"
                            ),
                        },
                    ],
                },
            },
        ],
    },
    {
        "slug": "puffy-skin",
        "title": "Sagging or puffy skin",
        "summary": (
            "Puffiness around the eyes and jaw, or skin that looks less lifted than it used "
            "to, is very common. Gentle hands-on treatments may help fluid move and muscles "
            "feel more toned."
        ),
        "description": [
            {
                "type": "rich_text",
                "value": (
                    "<p>Puffy skin usually means fluid has gathered under the surface, often "
                    "around the eyes in the morning. Sagging is different: the skin and "
                    "tissue underneath have lost some of their support, so cheeks, jowls "
                    "and brows sit a little lower.</p>"
                    "<h2>Common causes</h2>"
                    "<p>Salty food, alcohol, poor sleep, hay fever and hormone changes can "
                    "all leave the face swollen. Sagging comes mainly with age, as we lose "
                    "some bone, fat and collagen, and from years of sun exposure.</p>"
                    "<h2>Our approach</h2>"
                    "<p>Facial massage and facial cupping use light, sweeping strokes that "
                    "may help excess fluid drain away. Facial acupuncture and massage also "
                    "work on the small muscles of the face, which many people find leaves "
                    "them looking more lifted and awake.</p>"
                ),
            },
            {
                "type": "safety_callout",
                "value": {
                    "heading": "Sudden swelling? Get help",
                    "text": (
                        "<p>If your face, lips or tongue swell suddenly, especially with any "
                        "trouble breathing, call 999 straight away. Swelling that lasts for "
                        "weeks should be checked by your GP before you book with us.</p>"
                    ),
                },
            },
        ],
    },
    {
        "slug": "dark-spots",
        "title": "Dark spots and uneven tone",
        "summary": (
            "Patches of darker skin, sometimes called hyperpigmentation, can follow sun, "
            "spots or hormone changes. They are harmless in most cases, and some treatments "
            "may help them fade."
        ),
        "description": [
            {
                "type": "rich_text",
                "value": (
                    "<p>Dark spots and uneven tone happen when some areas of skin make more "
                    "pigment (melanin) than others. The result can be freckle-like marks, "
                    "larger brown patches or a blotchy look.</p>"
                    "<h2>What causes it</h2>"
                    "<p>Sun is the most common trigger. Marks left behind after spots or "
                    "eczema, pregnancy, the contraceptive pill and some medicines can also "
                    "play a part. Darker skin tones are more prone to marks after any "
                    "irritation.</p>"
                    "<h2>How we treat it</h2>"
                    "<p>Microneedling may help pigment spread more evenly and lets "
                    "brightening serums reach deeper. Facial acupuncture takes a wider view, "
                    "looking at things like sleep and hormones. Either way, daily sunscreen "
                    "is the single most useful step you can take at home.</p>"
                ),
            },
            {
                "type": "safety_callout",
                "value": {
                    "heading": "New or changing mark?",
                    "text": (
                        "<p>A mole or dark patch that is new, growing, changing shape or "
                        "colour, itching or bleeding needs checking by your GP first. We will "
                        "not treat it until a doctor has looked at it.</p>"
                    ),
                },
            },
        ],
    },
    {
        "slug": "acne",
        "title": "Acne",
        "summary": (
            "Acne is common at any age, not just in teenagers. We look at what may be "
            "driving your breakouts and work alongside any care you have from your GP or "
            "dermatologist."
        ),
        "description": [
            {
                "type": "rich_text",
                "value": (
                    "<p>Acne shows up as blackheads, whiteheads, red spots and sometimes "
                    "deeper, painful lumps. It most often affects the face, chest and "
                    "back.</p>"
                    "<h2>Why it happens</h2>"
                    "<p>Pores become blocked with oil and dead skin, and bacteria that "
                    "normally live on the skin cause inflammation. Hormones play a big part, "
                    "and for some people diet, stress and certain skincare can make it "
                    "worse.</p>"
                    "<h2>How we approach it</h2>"
                    "<p>Facial acupuncture treats points on the body as well as the face, "
                    "and we often pair it with simple diet and skincare advice. We never "
                    "needle through inflamed spots. If your acne leaves marks, "
                    "microneedling may help once the breakouts have settled.</p>"
                ),
            },
            {
                "type": "faq",
                "value": {
                    "heading": "Acne questions",
                    "questions": [
                        {
                            "question": "Can I keep using my prescribed acne treatment?",
                            "answer": (
                                "<p>Yes, in most cases. Please bring a list of everything "
                                "you use. If you take isotretinoin (such as Roaccutane), "
                                "tell us, as it affects which treatments are safe.</p>"
                            ),
                        },
                        {
                            "question": "Should I see my GP first?",
                            "answer": (
                                "<p>If your acne is painful, leaving scars or affecting "
                                "your mood, yes. Your GP can offer medical treatment, and "
                                "we can support you alongside it.</p>"
                            ),
                        },
                    ],
                },
            },
        ],
    },
    {
        "slug": "acne-scars",
        "title": "Acne scars",
        "summary": (
            "Marks and dents left by past breakouts can linger long after the acne itself "
            "has gone. Microneedling may help soften how they look over a course of "
            "sessions."
        ),
        "description": [
            {
                "type": "rich_text",
                "value": (
                    "<p>Acne scars form when deep or inflamed spots damage the skin as they "
                    "heal. Some scars are shallow, wave-like dips; others have sharp edges "
                    "or are narrow and deep.</p>"
                    "<h2>Why some spots scar</h2>"
                    "<p>Picking or squeezing, long-lasting inflammation and deep cysts all "
                    "make scarring more likely. Genes matter too, so some people scar more "
                    "easily than others.</p>"
                    "<h2>What we offer</h2>"
                    "<p>Microneedling is our main treatment for acne scars. As the skin "
                    "repairs the tiny pricks, it may build new collagen that gently lifts "
                    "shallow scars. Wider, softer scars tend to respond better than narrow, "
                    "deep ones, and most people need several sessions.</p>"
                ),
            },
            {
                "type": "faq",
                "value": {
                    "heading": "Scar questions",
                    "questions": [
                        {
                            "question": "Can you treat scars if I still get spots?",
                            "answer": (
                                "<p>We wait until active acne has calmed down, because "
                                "needling over inflamed spots can spread infection. We can "
                                "help you plan for that in the meantime.</p>"
                            ),
                        },
                        {
                            "question": "Will my scars disappear completely?",
                            "answer": (
                                "<p>That is unlikely. The aim is for scars to look softer "
                                "and less noticeable, and many people are pleased with the "
                                "change over a full course.</p>"
                            ),
                        },
                    ],
                },
            },
        ],
    },
    {
        "slug": "rosacea",
        "title": "Rosacea",
        "summary": (
            "Rosacea causes flushing, redness and sometimes spots across the cheeks and "
            "nose. It is long-term, but gentle care may help calm flare-ups alongside advice "
            "from your GP."
        ),
        "description": [
            {
                "type": "rich_text",
                "value": (
                    "<p>Rosacea is a common skin condition that tends to come and go. You "
                    "may blush easily, have lasting redness across the middle of your face, "
                    "see small visible blood vessels or get spots that look a little like "
                    "acne.</p>"
                    "<h2>Common triggers</h2>"
                    "<p>The exact cause is not fully understood. Many people find that sun, "
                    "heat, alcohol, spicy food, stress and some skincare set off a "
                    "flare.</p>"
                    "<h2>Our approach</h2>"
                    "<p>We offer facial acupuncture with a very light touch, and avoid heat "
                    "and strong pressure. For at-home gua sha we often suggest rose quartz, "
                    "which many people with redness find soothing. Your GP can prescribe "
                    "creams and tablets, and we are happy to work alongside them.</p>"
                ),
            },
            {
                "type": "faq",
                "value": {
                    "heading": "Rosacea questions",
                    "questions": [
                        {
                            "question": "Can I have treatment during a flare?",
                            "answer": (
                                "<p>We usually wait until a flare settles, or adapt the "
                                "treatment so it is extra gentle. Let us know how your skin "
                                "is before you come in.</p>"
                            ),
                        }
                    ],
                },
            },
        ],
    },
    {
        "slug": "eczema-and-psoriasis",
        "title": "Eczema and psoriasis",
        "summary": (
            "Both conditions can leave skin dry, itchy and inflamed. Facial acupuncture may "
            "be a calming addition to the care you already have from your GP or "
            "dermatologist."
        ),
        "description": [
            {
                "type": "rich_text",
                "value": (
                    "<p>Eczema makes skin dry, itchy and prone to cracking. Psoriasis "
                    "causes raised, scaly patches. Both can affect the face, and both tend to "
                    "flare and settle over time.</p>"
                    "<h2>What sets them off</h2>"
                    "<p>Stress, cold weather, illness, harsh soaps and some fabrics are "
                    "common triggers. Eczema often runs in families alongside hay fever and "
                    "asthma, and psoriasis is linked to the immune system.</p>"
                    "<h2>How we can help</h2>"
                    "<p>Facial acupuncture treats points across the body as well as the "
                    "face, and many people find it helps them feel calmer. We always "
                    "avoid needling broken or inflamed patches and keep using your usual "
                    "medical treatment.</p>"
                ),
            },
            {
                "type": "safety_callout",
                "value": {
                    "heading": "Keep your usual treatment",
                    "text": (
                        "<p>Please do not stop any creams or medicines from your doctor. If "
                        "your skin is weeping, crusting or very painful, see your GP, as it "
                        "may be infected.</p>"
                    ),
                },
            },
        ],
    },
    {
        "slug": "tmj-jaw-tension",
        "title": "TMJ and jaw tension",
        "summary": (
            "A tight, clicking or aching jaw is often linked to stress and teeth "
            "clenching. Acupuncture and facial massage may help the muscles around the jaw "
            "relax."
        ),
        "description": [
            {
                "type": "rich_text",
                "value": (
                    "<p>The temporomandibular joint (TMJ) is the hinge just in front of "
                    "each ear that lets your jaw open and close. When the joint or the "
                    "muscles around it are under strain, you may notice aching, clicking, "
                    "a stiff jaw or pain that spreads to your temples.</p>"
                    "<h2>Common causes</h2>"
                    "<p>Clenching or grinding your teeth, often at night or when stressed, "
                    "is a frequent cause. Chewing gum, a past injury and poor posture can "
                    "also add strain.</p>"
                    "<h2>How we help</h2>"
                    "<p>Facial acupuncture and facial massage both work on the chewing "
                    "muscles along the jaw and temples. Many people say their jaw feels "
                    "looser afterwards. We can also show you simple self-massage for home. "
                    "If you grind your teeth, your dentist may suggest a night guard.</p>"
                ),
            },
            {
                "type": "faq",
                "value": {
                    "heading": "Jaw questions",
                    "questions": [
                        {
                            "question": "Should I see a dentist as well?",
                            "answer": (
                                "<p>It is a good idea, especially if your teeth look worn "
                                "or your jaw locks. A dentist can check your bite, and our "
                                "treatments can sit alongside their advice.</p>"
                            ),
                        }
                    ],
                },
            },
        ],
    },
    {
        "slug": "tension-headaches",
        "title": "Tension headaches",
        "summary": (
            "Tension headaches often feel like a tight band around the head. Acupuncture may "
            "help ease muscle tension in the face, scalp and neck that can play a part."
        ),
        "description": [
            {
                "type": "rich_text",
                "value": (
                    "<p>A tension headache usually feels like steady pressure on both sides "
                    "of the head, or across the forehead. It can last from half an hour to "
                    "several days.</p>"
                    "<h2>Likely triggers</h2>"
                    "<p>Stress, tiredness, long hours at a screen, skipped meals, not "
                    "drinking enough and a clenched jaw are all common triggers.</p>"
                    "<h2>How we approach it</h2>"
                    "<p>Facial acupuncture includes points on the face, head and body that "
                    "are traditionally used for headaches. Many people also find it "
                    "deeply relaxing. We will talk with you about sleep, screen breaks and "
                    "other habits that may help.</p>"
                ),
            },
            {
                "type": "safety_callout",
                "value": {
                    "heading": "When to get urgent help",
                    "text": (
                        "<p>Call 999 or go to A&amp;E for a sudden, very severe headache, or "
                        "one with a stiff neck, fever, confusion, weakness or changes in your "
                        "sight. See your GP if your headaches are new, getting worse or "
                        "frequent.</p>"
                    ),
                },
            },
        ],
    },
    {
        "slug": "bells-palsy",
        "title": "Bell's palsy",
        "summary": (
            "Bell's palsy causes sudden weakness on one side of the face. Most people "
            "recover with medical care, and acupuncture may be a supportive addition while "
            "you heal."
        ),
        "description": [
            {
                "type": "rich_text",
                "value": (
                    "<p>Bell's palsy is a temporary weakness or droop on one side of the "
                    "face. It can affect your smile, make it hard to close one eye and "
                    "change how food and drink taste.</p>"
                    "<h2>What causes it</h2>"
                    "<p>It happens when the nerve that moves the face becomes swollen. The "
                    "reason is not always clear, but a viral infection is often thought to "
                    "be involved.</p>"
                    "<h2>Our role in recovery</h2>"
                    "<p>Your GP or hospital team should lead your care. Once a doctor has "
                    "confirmed the diagnosis, some people choose facial acupuncture to "
                    "support their recovery. We work gently and are happy to share notes "
                    "with your medical team.</p>"
                ),
            },
            {
                "type": "safety_callout",
                "value": {
                    "heading": "Sudden face weakness: act fast",
                    "text": (
                        "<p>Sudden weakness on one side of the face can also be a sign of "
                        "stroke. If it comes with arm weakness or slurred speech, call 999 "
                        "at once. If you think you have Bell's palsy, see your GP or call "
                        "NHS 111 the same day, as early treatment matters.</p>"
                    ),
                },
            },
        ],
    },
    {
        "slug": "sun-damage",
        "title": "Sun damage",
        "summary": (
            "Years of sunshine can leave skin rough, lined and blotchy. Microneedling may "
            "help refresh its texture and tone, and good daily protection helps prevent "
            "more."
        ),
        "description": [
            {
                "type": "rich_text",
                "value": (
                    "<p>Sun damage, sometimes called photo-ageing, builds up quietly over "
                    "many years. It can show as freckles and brown patches, lines, a rough "
                    "or leathery feel and tiny visible blood vessels.</p>"
                    "<h2>How it happens</h2>"
                    "<p>Ultraviolet (UV) light breaks down collagen and affects how skin "
                    "makes pigment. This happens on cloudy days and through windows too, "
                    "not only on holiday.</p>"
                    "<h2>How we can help</h2>"
                    "<p>Microneedling may help improve texture and even out tone as the "
                    "skin renews itself. The most important step, though, is an SPF of 30 "
                    "or higher every day, all year round.</p>"
                ),
            },
            {
                "type": "safety_callout",
                "value": {
                    "heading": "Check changing patches",
                    "text": (
                        "<p>Rough, scaly patches that do not heal, sores that bleed, or "
                        "moles that change should be seen by your GP before any cosmetic "
                        "treatment.</p>"
                    ),
                },
            },
        ],
    },
    {
        "slug": "stretch-marks",
        "title": "Stretch marks",
        "summary": (
            "Stretch marks are very common and nothing to worry about. If they bother you, "
            "microneedling may help them blend in more with the surrounding skin."
        ),
        "description": [
            {
                "type": "rich_text",
                "value": (
                    "<p>Stretch marks are streaks that appear when skin stretches quickly. "
                    "They often start out red, pink or purple and slowly fade to a paler, "
                    "silvery colour.</p>"
                    "<h2>Why they appear</h2>"
                    "<p>Pregnancy, growth spurts, weight changes, building muscle quickly "
                    "and some steroid medicines can all cause them. Genes also affect how "
                    "likely you are to get them.</p>"
                    "<h2>What we offer</h2>"
                    "<p>Microneedling can be used on the body as well as the face. As the "
                    "skin repairs itself, stretch marks may become softer and less "
                    "noticeable. Newer marks often respond better than older ones, and "
                    "several sessions are usually needed.</p>"
                ),
            },
            {
                "type": "faq",
                "value": {
                    "heading": "Stretch mark questions",
                    "questions": [
                        {
                            "question": "Can I have treatment while pregnant?",
                            "answer": (
                                "<p>We do not offer microneedling during pregnancy. We are "
                                "happy to talk about timing once your baby has arrived.</p>"
                            ),
                        }
                    ],
                },
            },
        ],
    },
    {
        "slug": "enlarged-pores",
        "title": "Enlarged pores and uneven texture",
        "summary": (
            "Visible pores and bumpy or rough skin are common, especially on the nose and "
            "cheeks. Microneedling may help skin look and feel smoother over time."
        ),
        "description": [
            {
                "type": "rich_text",
                "value": (
                    "<p>Pores are the small openings that let oil reach the surface of your "
                    "skin. When they look large, or the skin feels uneven, make-up may sit "
                    "unevenly and the skin can look less smooth.</p>"
                    "<h2>Common causes</h2>"
                    "<p>Oily skin, genes, sun damage and the natural loss of firmness with "
                    "age can all make pores look bigger. Old acne marks can also leave the "
                    "surface uneven.</p>"
                    "<h2>How we can help</h2>"
                    "<p>You cannot change your pores completely, but firmer, smoother skin "
                    "often makes them less noticeable. Microneedling may help with this "
                    "over a course of sessions, together with a simple routine at home.</p>"
                ),
            }
        ],
    },
    {
        "slug": "dull-skin",
        "title": "Dull or tired-looking skin",
        "summary": (
            "When skin loses its brightness, it can make you look more tired than you feel. "
            "Massage and microneedling may help bring back a fresher, livelier look."
        ),
        "description": [
            {
                "type": "rich_text",
                "value": (
                    "<p>Dull skin looks flat or greyish rather than bright. It may feel a "
                    "little rough, and make-up can seem to sit on top rather than blend "
                    "in.</p>"
                    "<h2>What can cause it</h2>"
                    "<p>A build-up of dead skin cells, poor sleep, stress, smoking, not "
                    "drinking enough water and dry indoor air are common reasons. Skin "
                    "also renews itself more slowly as we age.</p>"
                    "<h2>How we can help</h2>"
                    "<p>Facial massage boosts circulation, and many people leave with a "
                    "healthy colour in their cheeks. Microneedling may help refresh the "
                    "surface over a few weeks. We can also suggest small changes to your "
                    "routine at home.</p>"
                ),
            },
            {
                "type": "faq",
                "value": {
                    "heading": "Common questions",
                    "questions": [
                        {
                            "question": "Which treatment is best before a big event?",
                            "answer": (
                                "<p>A facial massage a day or two before usually suits "
                                "best, as there is no downtime. Microneedling is better "
                                "planned at least two weeks ahead, so any redness has "
                                "time to settle.</p>"
                            ),
                        }
                    ],
                },
            },
        ],
    },
]

# --- Treatments ---------------------------------------------------------------

FACIAL_ACUPUNCTURE = {
    "slug": "facial-acupuncture",
    "title": "Facial acupuncture",
    "summary": (
        "Very fine needles placed in the face and body, then gentle facial cupping and gua "
        "sha. Many people come for fresher-looking skin; others for acne, a tight jaw or "
        "tension headaches."
    ),
    "also_known_as": "Cosmetic acupuncture, facial rejuvenation acupuncture",
    "conditions": [
        ("fine-lines-and-wrinkles", ""),
        ("puffy-skin", "with facial cupping to help fluid drain"),
        ("dark-spots", ""),
        ("acne", "often alongside diet advice"),
        ("rosacea", "with a very light touch"),
        ("eczema-and-psoriasis", "alongside care from your GP"),
        ("tmj-jaw-tension", ""),
        ("tension-headaches", ""),
        ("bells-palsy", "once a doctor has confirmed the diagnosis"),
    ],
    "body": [
        {
            "type": "session_facts",
            "value": {
                "heading": "At a glance",
                "duration": "75–90 minutes",
                "sessions": "Usually 6 to 10",
                "spacing": "Weekly, then monthly top-ups",
                "time_to_results": "Many people notice a change after 3 to 5 sessions",
                "downtime": "Usually none; a small bruise now and then",
                "price_note": (
                    "We confirm prices at your consultation. Some health cash plans "
                    "cover acupuncture, so it is worth checking yours."
                ),
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<h2>About facial acupuncture</h2>"
                "<p>Facial acupuncture, also called cosmetic acupuncture, places very fine "
                "needles in the face and at points on the body. Many people book it for "
                "brighter, fresher-looking skin.</p>"
                "<p>It is used for more than looks, though. People also come to us for "
                "acne, a tight or aching jaw, tension headaches and, alongside medical care, "
                "recovery from Bell's palsy.</p>"
                "<h2>Why we treat the whole body</h2>"
                "<p>Skin often reflects what is happening elsewhere. With age, the face "
                "slowly loses some bone and fat, and skin cells renew more slowly. "
                "Hormones, diet, sleep and stress can all show on the face too. That is why "
                "each session includes points on the body as well as the face.</p>"
            ),
        },
        {
            "type": "what_to_expect",
            "value": {
                "heading": "Your appointment",
                "intro": "<p>Here is what happens, step by step, at a typical session.</p>",
                "steps": [
                    {
                        "title": "Consultation",
                        "description": (
                            "<p>We ask about your skin, health, medicines and what you would "
                            "like to change. Your first visit includes a longer chat.</p>"
                        ),
                        "duration": "10–20 minutes",
                    },
                    {
                        "title": "Points on the body",
                        "description": (
                            "<p>We start with a few fine needles in places such as the "
                            "hands, legs or ears, chosen for the wider reasons behind your "
                            "skin concern. You lie back and rest while they work.</p>"
                        ),
                        "duration": "About 20 minutes",
                    },
                    {
                        "title": "Facial needles or dermarolling",
                        "description": (
                            "<p>Next, we place very fine needles in the area that concerns "
                            "you, or use a dermaroller instead. Each tiny prick nudges your "
                            "skin into its repair work, which over time may encourage "
                            "fresh collagen. Most people feel only a faint tingle.</p>"
                        ),
                        "duration": "20–25 minutes",
                    },
                    {
                        "title": "Facial cupping and gua sha",
                        "description": (
                            "<p>Small, soft cups and a smooth stone tool glide over your face "
                            "with a little oil. This is much gentler than cupping on the "
                            "back and should not leave round marks. It may help fluid drain, "
                            "bring circulation to the skin and loosen tight muscles. In "
                            "Chinese medicine, it is said to help qi (energy) and blood flow "
                            "to the face.</p>"
                        ),
                        "duration": "10–15 minutes",
                    },
                    {
                        "title": "Skincare and diet advice",
                        "description": (
                            "<p>We finish with simple, practical tips on skincare and food "
                            "that may help your results last longer.</p>"
                        ),
                        "duration": "5–10 minutes",
                    },
                ],
            },
        },
        {
            "type": "safety_callout",
            "value": {
                "heading": "Nut allergy? Tell us first",
                "text": (
                    "<p>Our facial oil, used during cupping and gua sha, may include nut oils. "
                    "Please tell us about any allergies before your appointment, and we "
                    "will choose a suitable alternative.</p>"
                ),
            },
        },
        {
            "type": "suitability",
            "value": {
                "heading": "Is it right for me?",
                "suits": [
                    "Adults who would like fresher, brighter-looking skin",
                    "People with fine lines, puffiness or uneven tone",
                    "Anyone with a tight jaw or frequent tension headaches",
                    "People who prefer a gentle, whole-body approach",
                ],
                "not_suitable": [
                    "An active skin infection, cold sores or open wounds on the face",
                    "Blood-clotting problems or blood-thinning medicine: please check "
                    "with us first",
                    "The first three months of pregnancy: we usually suggest waiting",
                    "Diabetes or high blood pressure that is not well controlled",
                    "Anti-wrinkle injections or fillers in the last two weeks: we usually wait",
                ],
                "consult_prompt": (
                    "Not sure? Book a consultation and we will talk it through before any "
                    "needles are used."
                ),
            },
        },
        {
            "type": "aftercare",
            "value": {
                "heading": "Aftercare",
                "intro": (
                    "<p>Most people go straight back to their day. These simple steps may "
                    "help your skin settle and your results last.</p>"
                ),
                "stages": [
                    {
                        "when": "Rest of the day",
                        "dos": [
                            "Drink plenty of water",
                            "Keep your hands away from your face",
                            "Take it easy if you feel sleepy or light-headed",
                        ],
                        "donts": [
                            "No make-up for a few hours, or until the next day after dermarolling",
                            "Avoid saunas, steam rooms and hard exercise",
                        ],
                    },
                    {
                        "when": "The next few days",
                        "dos": [
                            "Use a gentle cleanser and a simple moisturiser",
                            "Keep to the skincare and diet changes we agreed",
                        ],
                        "donts": [
                            "No strong acids, peels or retinoids for 48 hours after dermarolling",
                        ],
                    },
                    {
                        "when": "Every day",
                        "dos": [
                            "Wear sunscreen of SPF 30 or higher, even when it is cloudy",
                        ],
                        "donts": [],
                    },
                ],
            },
        },
        {
            "type": "at_home_care",
            "value": {
                "heading": "Tools to use at home",
                "intro": (
                    "<p>Gua sha, facial cupping and dermarolling can be done at home, but "
                    "used the wrong way they may cause bruising, irritation or damage to "
                    "the skin. Packaging instructions are often unclear, so please ask us "
                    "to show you before you start.</p>"
                ),
                "items": [
                    {
                        "name": "Gua sha",
                        "description": (
                            "<p>Apply a little oil to clean skin. Hold the stone almost "
                            "flat against your face and glide it outwards and upwards, from "
                            "the centre of the face towards the ears and hairline.</p>"
                        ),
                        "frequency": "Two or three evenings a week",
                        "ramp_up": "Start with one evening a week and add more as your "
                        "skin gets used to it",
                        "session_length": "5 minutes",
                        "materials": [
                            {
                                "material": "Jade",
                                "why": "Feels cool and smooth; a good choice "
                                "if you are new to gua sha",
                            },
                            {
                                "material": "Rose quartz",
                                "why": "Tends to draw warmth away from the skin, so it may "
                                "suit redness or inflammation",
                            },
                            {
                                "material": "Bone",
                                "why": "A traditional material that feels "
                                "light and warm in the hand",
                            },
                        ],
                        "cautions": [
                            "Use light pressure: you should never see bruising",
                            "Skip broken skin, active spots and sunburn",
                        ],
                    },
                    {
                        "name": "Facial cupping",
                        "description": (
                            "<p>Use small, soft silicone cups on oiled skin. Squeeze gently, "
                            "place the cup and keep it moving in slow strokes outwards "
                            "across the cheeks, jaw and forehead.</p>"
                        ),
                        "frequency": "Once or twice a week",
                        "session_length": "5–10 minutes",
                        "materials": [],
                        "cautions": [
                            "Keep the cup moving: leaving it in one place can mark the skin",
                            "Use the smallest cup and the lightest suction near the eyes",
                            "Avoid areas with broken veins or a rosacea flare",
                        ],
                    },
                    {
                        "name": "Dermaroller",
                        "description": (
                            "<p>A small handheld roller with very short needles. Roll it "
                            "gently over clean skin in a few directions, then apply a simple "
                            "serum. Please let us show you the technique first.</p>"
                        ),
                        "frequency": "Up to nightly, once your skin has adjusted",
                        "ramp_up": "Once a week, building to nightly over a few weeks",
                        "session_length": "2–3 minutes",
                        "materials": [],
                        "cautions": [
                            "Shop-bought rollers often have needles too short to do more "
                            "than exfoliate the surface",
                            "Starting nightly straight away, as some packs suggest, can "
                            "irritate skin and may make things worse",
                            "Clean it before and after each use, never share it and "
                            "replace it regularly",
                            "Do not roll over spots, cold sores or broken skin",
                        ],
                    },
                ],
            },
        },
        {
            "type": "results",
            "value": {
                "heading": "Results and upkeep",
                "results": (
                    "<p>Changes tend to be subtle and build slowly. Many people say their "
                    "skin looks brighter and more rested after the first few sessions, with "
                    "lines looking softer towards the end of a course.</p>"
                ),
                "maintenance": (
                    "<p>A top-up session every four to six weeks, daily sunscreen and the "
                    "home care we show you may help you keep the benefits.</p>"
                ),
            },
        },
        {
            "type": "faq",
            "value": {
                "heading": "Questions people ask",
                "questions": [
                    {
                        "question": "Does facial acupuncture hurt?",
                        "answer": (
                            "<p>The needles are far finer than those used for injections or "
                            "blood tests. Most people feel a tiny pinch or tingle as each "
                            "one goes in, then very little. You can ask us to pause at any "
                            "time.</p>"
                        ),
                    },
                    {
                        "question": "Will I bruise?",
                        "answer": (
                            "<p>Small bruises happen now and then, especially near the eyes, "
                            "and usually fade within a week. If you have an event coming "
                            "up, tell us and we will plan around it.</p>"
                        ),
                    },
                    {
                        "question": "Can I have it if I have had fillers or injections?",
                        "answer": (
                            "<p>Often yes, but we usually wait at least two weeks after "
                            "injections and avoid needling directly over filler. Please "
                            "tell us what you have had and when.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "heading": "Ready to try facial acupuncture?",
                "text": (
                    "Start with a consultation. We will look at your skin, answer your "
                    "questions and suggest a plan that suits you."
                ),
                "button_label": "Book a consultation",
            },
        },
    ],
}

FACIAL_MASSAGE = {
    "slug": "facial-massage",
    "title": "Facial massage",
    "summary": (
        "A relaxing, needle-free treatment that works on the muscles and tissues of the "
        "face. It may help ease tension, reduce puffiness and leave skin looking fresher "
        "and more lifted."
    ),
    "also_known_as": "Japanese facial massage, anti-wrinkle facial massage, face massage",
    "conditions": [
        ("fine-lines-and-wrinkles", "softer-looking expression lines over a course"),
        ("puffy-skin", "gentle strokes to help fluid drain"),
        ("dull-skin", ""),
        ("tmj-jaw-tension", "relaxing tight facial muscles"),
    ],
    "body": [
        {
            "type": "session_facts",
            "value": {
                "heading": "At a glance",
                "duration": "60 minutes",
                "sessions": "A course of 6 to 10",
                "spacing": "Once a week, then monthly",
                "time_to_results": "Fresher look often straight away; lines soften over weeks",
                "downtime": "None; you may look a little flushed for an hour",
                "price_note": "We confirm prices at your consultation.",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<h2>About facial massage</h2>"
                "<p>We carry stress in our faces as much as in our shoulders. Small "
                "muscles around the jaw, brow and eyes can stay tight for years, and that "
                "tension can show in how we look.</p>"
                "<p>Facial massage works on those muscles and the tissues around them. It "
                "may ease tension, boost circulation and help your skincare spread and sink "
                "in. Some people choose it as a gentle, needle-free option instead of, or "
                "alongside, injectable treatments.</p>"
                "<h2>Japanese facial massage</h2>"
                "<p>This style has its roots in Japan's healing traditions, such as Anma "
                "bodywork and acupuncture. It mixes quick, light tapping with firm finger "
                "pressure on points along the face, aiming to bring skin, muscles and the "
                "wider body into balance.</p>"
                "<h2>Anti-wrinkle massage</h2>"
                "<p>Expression lines begin surprisingly early, sometimes in our teens, and "
                "slowly become set. Anti-wrinkle massage follows set lines across the face "
                "to relax overworked muscles, wake up tired ones and encourage fluid to "
                "move. Over a course, many people notice lines look softer and the face "
                "more lifted.</p>"
            ),
        },
        {
            "type": "benefits",
            "value": {
                "heading": "What you may notice",
                "items": [
                    "Outer brows may look a little lifted",
                    "Upper and lower eyelids can look fresher and less heavy",
                    "Deep expression lines may look softer over time",
                    "Less morning puffiness, as fluid is encouraged to drain",
                    "A deep sense of rest and relaxation",
                    "Facial muscles that feel more toned and springy",
                    "Skincare that spreads and sinks in more easily",
                ],
            },
        },
        {
            "type": "what_to_expect",
            "value": {
                "heading": "Your appointment",
                "steps": [
                    {
                        "title": "Consultation",
                        "description": (
                            "<p>We ask about your skin, health and any allergies, and what "
                            "you would like from the session.</p>"
                        ),
                        "duration": "5–10 minutes",
                    },
                    {
                        "title": "Cleanse and warm-up",
                        "description": (
                            "<p>We cleanse your skin, apply a light oil or cream and warm the "
                            "neck and shoulders to help you relax.</p>"
                        ),
                        "duration": "10 minutes",
                    },
                    {
                        "title": "Japanese facial massage",
                        "description": (
                            "<p>Light, rhythmic tapping and gentle pressure on points along "
                            "the face and scalp. Many people find this part deeply calming.</p>"
                        ),
                        "duration": "15–20 minutes",
                    },
                    {
                        "title": "Anti-wrinkle massage",
                        "description": (
                            "<p>Slower, sculpting strokes along the traditional massage lines "
                            "of the face, working on muscles and the tissue beneath the "
                            "skin around the brows, eyes, cheeks and jaw.</p>"
                        ),
                        "duration": "15–20 minutes",
                    },
                    {
                        "title": "Your home routine",
                        "description": (
                            "<p>We finish by showing you a few simple moves to keep up at "
                            "home between visits.</p>"
                        ),
                        "duration": "5 minutes",
                    },
                ],
            },
        },
        {
            "type": "safety_callout",
            "value": {
                "heading": "Allergies? Let us know",
                "text": (
                    "<p>Some of our massage oils may include nut oils. Tell us about any "
                    "allergies or sensitive skin before your visit and we will use a "
                    "suitable product.</p>"
                ),
            },
        },
        {
            "type": "at_home_care",
            "value": {
                "heading": "Massage at home",
                "intro": (
                    "<p>A short daily routine may help you keep the benefits between "
                    "visits. Keep the pressure light: it should feel pleasant, never "
                    "sore.</p>"
                ),
                "items": [
                    {
                        "name": "Self-massage routine",
                        "description": (
                            "<ol>"
                            "<li>Cleanse your face and pat it dry.</li>"
                            "<li>Warm a little moisturiser or facial oil that suits your "
                            "skin between your palms and press it on.</li>"
                            "<li>Starting at the cheeks, make small upward circles with your "
                            "fingertips or knuckles.</li>"
                            "<li>Work up to the temples, then across the forehead.</li>"
                            "<li>Gently rub the corners of your mouth and the sides of your "
                            "nose.</li>"
                            "<li>Finish by lightly tapping your fingertips above and below "
                            "your lips.</li>"
                            "</ol>"
                        ),
                        "frequency": "Every day",
                        "ramp_up": "Start with 5 minutes and build up over the first week",
                        "session_length": "15–20 minutes",
                        "course_length": "1–2 months, then as often as you like",
                        "materials": [],
                        "cautions": [
                            "Skip areas with active spots, broken skin or sunburn",
                            "Patch-test a new oil on your inner arm first",
                        ],
                    },
                    {
                        "name": "Handheld massager",
                        "description": (
                            "<p>A facial roller or small massager can stand in for your hands. "
                            "Use it on moisturised skin, moving upwards and outwards from the "
                            "centre of the face.</p>"
                        ),
                        "frequency": "Every day, instead of or as well as hand massage",
                        "session_length": "15–20 minutes in total",
                        "course_length": "1–2 months to see an effect",
                        "materials": [
                            {
                                "material": "Stainless steel",
                                "why": "Easy to clean and stays cool on the skin",
                            },
                            {
                                "material": "Jade or rose quartz",
                                "why": "Smooth and cool; "
                                "many people find it soothing on puffy skin",
                            },
                        ],
                        "cautions": [
                            "Clean it after every use",
                            "Keep electric massagers away from the eye socket and follow "
                            "the maker's instructions",
                        ],
                    },
                ],
            },
        },
        {
            "type": "results",
            "value": {
                "heading": "Results and upkeep",
                "results": (
                    "<p>Many people leave their first session looking fresher and feeling "
                    "calmer. A more lifted look around the brows and eyes, and softer "
                    "lines, tend to build over a course of weekly sessions and daily home "
                    "massage.</p>"
                ),
                "maintenance": (
                    "<p>A monthly session and a few minutes of self-massage each day may "
                    "help you keep the benefits.</p>"
                ),
            },
        },
        {
            "type": "aftercare",
            "value": {
                "heading": "Aftercare",
                "stages": [
                    {
                        "when": "Rest of the day",
                        "dos": [
                            "Drink a glass or two of water",
                            "Let any oil left on your skin soak in",
                        ],
                        "donts": [
                            "No heavy make-up for a few hours, if you can manage",
                            "Avoid saunas and steam rooms",
                        ],
                    },
                    {
                        "when": "Between visits",
                        "dos": [
                            "Keep up your daily self-massage",
                            "Wear SPF 30 or higher every day",
                        ],
                        "donts": ["No hard pressing or dragging of the skin when massaging"],
                    },
                ],
            },
        },
        {
            "type": "suitability",
            "value": {
                "heading": "Is it right for me?",
                "suits": [
                    "Anyone wanting a relaxing, needle-free facial treatment",
                    "Tired, puffy or dull-looking skin",
                    "A tight jaw or forehead from stress",
                    "Fine lines and expression lines",
                ],
                "not_suitable": [
                    "An active skin infection, cold sores or open wounds on the face",
                    "A recent facial injury or surgery",
                    "Anti-wrinkle injections or fillers in the last two weeks",
                    "Sunburn, or a flare of rosacea or eczema: we may adapt or postpone",
                ],
                "consult_prompt": (
                    "Not sure? Book a consultation and we will talk it through first."
                ),
            },
        },
        {
            "type": "faq",
            "value": {
                "heading": "Questions people ask",
                "questions": [
                    {
                        "question": "Can facial massage replace anti-wrinkle injections?",
                        "answer": (
                            "<p>It works differently. Injections relax muscles for a few "
                            "months; massage aims to release tension and improve tone over "
                            "time. Many people like it as a gentler option, but results are "
                            "usually more subtle.</p>"
                        ),
                    },
                    {
                        "question": "Is it suitable for sensitive skin?",
                        "answer": (
                            "<p>Usually, yes. We can use fragrance-free products and lighter "
                            "pressure. Tell us about your skin at the start.</p>"
                        ),
                    },
                    {
                        "question": "Should I wear make-up to my appointment?",
                        "answer": (
                            "<p>There is no need. We cleanse your skin first, so come as you "
                            "are.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "heading": "Time for a facial massage?",
                "text": "Book a consultation and enjoy an hour that is just for you.",
                "button_label": "Book a consultation",
            },
        },
    ],
}

MICRONEEDLING = {
    "slug": "microneedling",
    "title": "Microneedling",
    "summary": (
        "A fine-needle treatment that prompts skin to repair and renew itself. It may "
        "soften acne scars, fine lines and stretch marks, and help skin look smoother and "
        "more even."
    ),
    "also_known_as": "Collagen induction therapy, skin needling",
    "conditions": [
        ("acne-scars", "often best on wide, shallow scars"),
        ("fine-lines-and-wrinkles", ""),
        ("sun-damage", ""),
        ("dark-spots", "with daily sunscreen"),
        ("stretch-marks", "newer marks often respond better"),
        ("enlarged-pores", ""),
        ("dull-skin", ""),
    ],
    "body": [
        {
            "type": "session_facts",
            "value": {
                "heading": "At a glance",
                "duration": "45–60 minutes including numbing",
                "needle_length_min": "0.5",
                "needle_length_max": "1.5",
                "sessions": "3 to 6",
                "spacing": "4–6 weeks",
                "time_to_results": "6–8 weeks for the full effect",
                "downtime": "redness for 1–3 days",
                "price_note": (
                    "Insurance rarely covers it, except sometimes for scars from an injury "
                    "or surgery. Check with your insurer before booking."
                ),
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<h2>How microneedling works</h2>"
                "<p>Microneedling uses a pen or roller fitted with very fine needles. It "
                "makes thousands of tiny, shallow pricks in the outer layers of the "
                "skin.</p>"
                "<p>Your skin treats each prick as a small repair job. As it heals, it may "
                "lay down fresh collagen and elastin, the proteins that keep skin firm and "
                "springy. We make less of both as we get older.</p>"
                "<p>We use needles from 0.5 to 1.5 mm long, and choose the depth for each "
                "area: shallower on thin skin, deeper over scars.</p>"
            ),
        },
        {
            "type": "benefits",
            "value": {
                "heading": "Benefits",
                "items": [
                    "Fine lines and wrinkles may look softer",
                    "Skin texture often feels finer and more even",
                    "Scars from acne or surgery, and stretch marks, may become less noticeable",
                    "Dark patches and uneven tone may fade",
                    "Serums applied afterwards may sink in better",
                    "Can be used on the face, neck, hands and body",
                ],
            },
        },
        {
            "type": "what_to_expect",
            "value": {
                "heading": "Your appointment",
                "steps": [
                    {
                        "title": "Consultation",
                        "description": (
                            "<p>We look at your skin, ask about your health and medicines, "
                            "and check that microneedling is a good fit for you.</p>"
                        ),
                        "duration": "10–15 minutes",
                    },
                    {
                        "title": "Preparation",
                        "description": (
                            "<p>We cleanse your skin and apply a numbing cream, then give it "
                            "time to work so the treatment feels more comfortable.</p>"
                        ),
                        "duration": "20–30 minutes",
                    },
                    {
                        "title": "The treatment",
                        "description": (
                            "<p>We pass a pen or roller over your skin in gentle, even "
                            "strokes. A pen pulses the needles in and out; a roller glides "
                            "over the surface. Needle depth is adjusted for each area.</p>"
                        ),
                        "duration": "15–30 minutes",
                    },
                    {
                        "title": "Serums",
                        "description": (
                            "<p>We finish with a soothing serum, such as hyaluronic acid, to "
                            "calm and hydrate your skin.</p>"
                        ),
                        "duration": "5 minutes",
                    },
                    {
                        "title": "Aftercare advice",
                        "description": (
                            "<p>We talk you through looking after your skin over the next "
                            "week and give you a written copy to take home.</p>"
                        ),
                        "duration": "5 minutes",
                    },
                ],
            },
        },
        {
            "type": "suitability",
            "value": {
                "heading": "Is it right for me?",
                "suits": [
                    "Most healthy adults",
                    "Acne scars, fine lines, stretch marks or sun damage",
                    "Large pores or uneven texture",
                    "People happy with gradual, natural-looking change",
                ],
                "not_suitable": [
                    "Skin that tends to form keloid or raised scars",
                    "Scleroderma",
                    "Active acne, cold sores or any skin infection in the area",
                    "Blood-clotting problems or blood-thinning medicine: please check with us",
                    "Isotretinoin (such as Roaccutane) in the last six months: we "
                    "usually suggest waiting",
                    "Pregnancy or breastfeeding: we usually suggest waiting",
                ],
                "consult_prompt": (
                    "Have a long-term health condition? Book a consultation and we will "
                    "check whether microneedling suits you."
                ),
            },
        },
        {
            "type": "provider_checklist",
            "value": {
                "heading": "Choosing a practitioner",
                "intro": (
                    "<p>Wherever you go for microneedling, it is worth checking a few "
                    "things first.</p>"
                ),
                "items": [
                    "They are properly trained, insured and experienced in microneedling",
                    "They use sterile, single-use needles and open them in front of you",
                    "They have honest reviews from past clients",
                    "They ask about your health and medicines before treating you",
                    "They offer a plan made for your skin, not a one-size package",
                    "They give you clear aftercare advice in writing",
                ],
            },
        },
        {
            "type": "aftercare",
            "value": {
                "heading": "Aftercare",
                "intro": (
                    "<p>Your skin may look pink and feel warm, tight and sensitive, rather "
                    "like after a day out in cold wind. This usually settles within a few "
                    "days.</p>"
                ),
                "stages": [
                    {
                        "when": "First 24 hours",
                        "dos": [
                            "Wash with lukewarm water and a gentle cleanser",
                            "Use the soothing serum or balm we give you",
                            "Sleep on a clean pillowcase",
                        ],
                        "donts": [
                            "No make-up until your skin has settled",
                            "No touching or picking at your skin",
                            "Avoid exercise that makes you sweat heavily",
                        ],
                    },
                    {
                        "when": "Days 2 to 7",
                        "dos": [
                            "Use SPF 30 or higher every day",
                            "Keep moisturising with simple, gentle products",
                            "Drink plenty of water",
                        ],
                        "donts": [
                            "Avoid direct sun",
                            "No exfoliants, acids or retinoids",
                            "No sauna, steam room or swimming",
                        ],
                    },
                    {
                        "when": "After a week",
                        "dos": [
                            "Bring back your usual products gradually, one at a time",
                            "Keep up daily sunscreen",
                        ],
                        "donts": [
                            "No peels or laser treatment without checking with us first",
                        ],
                    },
                ],
            },
        },
        {
            "type": "at_home_care",
            "value": {
                "heading": "Between sessions",
                "intro": (
                    "<p>A simple routine at home helps your skin recover and may help you "
                    "get more from each session.</p>"
                ),
                "items": [
                    {
                        "name": "Gentle daily routine",
                        "description": (
                            "<p>Cleanse morning and night with a mild cleanser, use a "
                            "simple moisturiser and finish each morning with sunscreen. "
                            "Bring back stronger products only once your skin feels "
                            "comfortable.</p>"
                        ),
                        "frequency": "Every day",
                        "session_length": "5 minutes",
                        "materials": [],
                        "cautions": [
                            "Stop retinoids and strong acids for a few days before each "
                            "session, unless we advise otherwise",
                        ],
                    },
                    {
                        "name": "Home dermarollers",
                        "description": (
                            "<p>If you want to use a roller at home, keep to needles of "
                            "0.25 mm or shorter. These mainly help skincare absorb. Longer "
                            "needles break the skin more deeply, which raises the chance "
                            "of infection, marks and irritation, so from 0.5 mm upwards "
                            "they belong in a clinic with sterile, single-use needles.</p>"
                        ),
                        "frequency": "Up to a few times a week, once your skin has adjusted",
                        "ramp_up": "Start once a week and build up slowly if your skin is happy",
                        "session_length": "2–3 minutes",
                        "materials": [],
                        "cautions": [
                            "Never use a home roller longer than 0.25 mm without our advice",
                            "Don't roll for a week before or after a clinic session",
                            "Clean it after each use, never share it and replace it often",
                            "Skip spots, cold sores and broken skin",
                        ],
                    },
                ],
            },
        },
        {
            "type": "results",
            "value": {
                "heading": "Results and upkeep",
                "results": (
                    "<p>Your skin may look a little fresher within days, once the redness "
                    "fades. The bigger change comes slowly as new collagen forms: each "
                    "session usually shows its full effect around 6–8 weeks later, and "
                    "benefits build over a course.</p>"
                ),
                "maintenance": (
                    "<p>Skin keeps ageing, so results fade over time. Many people book one "
                    "top-up a year, or more often for deeper scars or pigmentation. Daily "
                    "sunscreen helps protect what you have gained.</p>"
                ),
            },
        },
        {
            "type": "faq",
            "value": {
                "heading": "Questions people ask",
                "questions": [
                    {
                        "question": "Does microneedling hurt?",
                        "answer": (
                            "<p>We use numbing cream first, so most people feel a light "
                            "scratching or vibration. Bony areas such as the forehead can "
                            "feel sharper. We can pause whenever you need.</p>"
                        ),
                    },
                    {
                        "question": "When can I wear make-up again?",
                        "answer": (
                            "<p>Wait until your skin has settled, usually at least 24 "
                            "hours. Use clean brushes and simple products for the first "
                            "few days.</p>"
                        ),
                    },
                    {
                        "question": "Can I use a dermaroller at home instead?",
                        "answer": (
                            "<p>Home rollers with very short needles can help skincare sink "
                            "in, but they do not reach deep enough to do what a clinic "
                            "session does. We do not advise longer needles at home.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "heading": "Thinking about microneedling?",
                "text": (
                    "Book a consultation to talk about your skin, see if microneedling "
                    "suits you and plan your course."
                ),
                "button_label": "Book a consultation",
            },
        },
    ],
}

TREATMENTS = [FACIAL_ACUPUNCTURE, FACIAL_MASSAGE, MICRONEEDLING]
