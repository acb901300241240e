"""Demo blog content for the Juniper Skin & Face Clinic.

Pure data, no Django imports: the demo loader turns it into practitioner records, a blog
index and blog posts. Post bodies are StreamField raw data using the blocks in
`treatments/blocks.py` (rich_text, faq, safety_callout, quote and call_to_action).

Treatment slugs match `home.demo_content.TREATMENTS`, and links point to pages created from
`home.demo_content`. All wording is original, in plain British English, with hedged claims.
The practitioners are fictional.
"""

PRACTITIONERS = [
    {
        "name": "Imogen Hart",
        "role": "Acupuncturist and clinic founder",
        "credentials": (
            "BSc (Hons) Acupuncture, Lic.Ac., member of the British Acupuncture Council"
        ),
        "bio": (
            "Imogen trained in acupuncture in London and spent ten years at a busy shared practice "
            "before opening Juniper. She was drawn to facial work after noticing how often stress "
            "showed up in her patients' jaws and skin. Away from the clinic she grows far more "
            "tomatoes than she can eat."
        ),
        "treatments": ["facial-acupuncture"],
    },
    {
        "name": "Priya Nair",
        "role": "Aesthetic nurse",
        "credentials": (
            "Registered Nurse (NMC), member of the British Association of Cosmetic Nurses"
        ),
        "bio": (
            "Priya worked in hospital dermatology clinics for several years before moving into "
            "skin treatments. She leads our microneedling service and likes to explain each step "
            "as she goes, so nothing comes as a surprise. Ask her about sunscreen and she will "
            "happily talk for an hour."
        ),
        "treatments": ["microneedling"],
    },
    {
        "name": "Tomasz Kowal",
        "role": "Massage therapist",
        "credentials": (
            "ITEC Level 3 Diploma in Massage, member of the Federation of Holistic Therapists"
        ),
        "bio": (
            "Tomasz began in sports massage and later trained in Japanese facial massage. He "
            "enjoys teaching short routines that fit into a busy evening, and patients often say "
            "his sessions are the calmest hour of their week."
        ),
        "treatments": ["facial-massage"],
    },
    {
        "name": "Ellen Okafor",
        "role": "Skin therapist",
        "credentials": (
            "Level 4 qualification in advanced skin treatments, member of the British Association "
            "of Beauty Therapy and Cosmetology"
        ),
        "bio": (
            "Ellen has more than a decade of experience with sensitive and deeper skin tones, and "
            "a particular interest in pigmentation. She offers microneedling and facial massage, "
            "and often helps patients put together a calm, simple routine for home."
        ),
        "treatments": ["microneedling", "facial-massage"],
    },
]


BLOG_INDEX = {
    "title": "Journal",
    "slug": "journal",
    "intro": (
        "<p>Practical advice, seasonal tips and honest answers from our practitioners.</p>"
        "<p>Read what to expect from a treatment, how to look after your skin afterwards and "
        "simple routines you can try at home between visits.</p>"
    ),
}


# --- Posts -----------------------------------------------------------------------


JAW_TENSION_POST = {
    "slug": "facial-acupuncture-jaw-tension-headaches",
    "title": "Facial acupuncture for a tight jaw and tension headaches",
    "date": "2026-08-06",
    "summary": (
        "Clenching, grinding and long days at a screen can leave your jaw sore and your head "
        "aching. Here is how facial acupuncture may help those muscles let go, and what you can do "
        "between visits."
    ),
    "tags": ["facial-acupuncture", "jaw-tension", "facial-massage"],
    "authors": ["Imogen Hart"],
    "related_treatments": ["facial-acupuncture", "facial-massage"],
    "body": [
        {
            "type": "rich_text",
            "value": (
                "<p>Many people who come to us about their skin mention, almost in passing, that "
                "their jaw aches by the evening or that they wake up with a dull headache. The two "
                "often go hand in hand. The muscles you chew with run from the jaw right up to the "
                "temples, and when they are held tight for hours they can pull on the whole side "
                "of the head.</p>"
                "<h2>Where the tension comes from</h2>"
                "<p>Stress is the usual suspect. Some of us clench our teeth while we concentrate, "
                "and plenty of people grind at night without knowing it. Hunching over a laptop, "
                "chewing gum and a bite that sits slightly out of line can all add to the load. "
                "Over time the small hinge in front of each ear may start to click or feel stiff. "
                'You can read more on our <a href="/conditions/tmj-jaw-tension/">jaw tension</a> '
                'and <a href="/conditions/tension-headaches/">tension headaches</a> pages.</p>'
                "<h2>What happens in a session</h2>"
                "<p>We start with a conversation about when the pain comes on, how you sleep and "
                "what a normal day looks like for you. Then we place a few very fine needles at "
                "points on the hands, feet or shoulders before moving to the face. Around the jaw "
                "we focus on the thick muscle you can feel bulge when you bite down, and on the "
                "temples and the base of the skull.</p>"
                "<p>Most sessions end with gentle facial cupping and gua sha along the jawline. "
                "People often tell us they feel pleasantly heavy and sleepy on the couch, and that "
                "their jaw sits looser for the rest of the day.</p>"
            ),
        },
        {
            "type": "quote",
            "value": {
                "quote": (
                    "I hadn't realised how hard I was clenching until my whole face seemed to let "
                    "out a sigh on the couch. A few weeks in, I was waking up with a headache far "
                    "less often."
                ),
                "attribution": "Rachel, patient",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<h2>Helping yourself between visits</h2>"
                "<ul>"
                "<li>Check in with your jaw a few times a day. Your lips can touch, but your teeth "
                "should rest slightly apart.</li>"
                "<li>Let the tip of your tongue sit just behind your top front teeth. Many people "
                "find this helps the jaw soften.</li>"
                "<li>Press two fingertips into the muscle in front of each ear and make slow "
                "circles for a minute while you gently open and close your mouth.</li>"
                "<li>Take short breaks from the screen, roll your shoulders and keep a glass of "
                "water nearby.</li>"
                "</ul>"
                "<p>If you grind your teeth at night, it is worth seeing your dentist, who may "
                "suggest a mouth guard. Acupuncture fits comfortably alongside that kind of care. "
                'Our <a href="/treatments/facial-massage/">facial massage</a> also includes slow '
                "work around the jaw and temples, if you would prefer a treatment without "
                "needles.</p>"
            ),
        },
        {
            "type": "safety_callout",
            "value": {
                "heading": "Some headaches need a doctor",
                "text": (
                    "<p>Call 999 if a headache comes on suddenly and very badly, or arrives with a "
                    "high temperature, a stiff neck, muddled thinking, weakness or trouble seeing. "
                    "If your headaches are new, changing or happening most days, please have them "
                    "checked by your GP first.</p>"
                ),
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "heading": "Ready to unclench?",
                "text": (
                    "Book a consultation to explore what may be behind your jaw tension and plan a "
                    "course of facial acupuncture that suits you."
                ),
                "button_label": "Book a consultation",
            },
        },
    ],
}


# Written by the clinic team: deliberately no authors.
GUA_SHA_POST = {
    "slug": "gua-sha-at-home-jade-or-rose-quartz",
    "title": "Gua sha at home: jade or rose quartz, and why to start slowly",
    "date": "2026-08-27",
    "summary": (
        "Thinking of trying gua sha at home? We explain how jade, rose quartz and other materials "
        "differ, how to hold the tool, and why one evening a week is the kindest way to begin."
    ),
    "tags": ["at-home-care", "gua-sha", "facial-acupuncture"],
    "authors": [],
    "related_treatments": ["facial-acupuncture", "facial-massage"],
    "body": [
        {
            "type": "rich_text",
            "value": (
                "<p>Gua sha is a technique from Chinese medicine in which a smooth, flat tool is "
                "stroked across oiled skin. On the back and shoulders it can be quite vigorous. On "
                "the face it is far softer: a slow glide that many people find calming at the end "
                "of the day, and which may help ease puffiness and tight muscles.</p>"
                "<p>We use gua sha at the end of most "
                '<a href="/treatments/facial-acupuncture/">facial acupuncture</a> sessions, and '
                "patients often ask how to carry on at home. Here is our advice.</p>"
                "<h2>Choosing your stone</h2>"
                "<p>Tools come in several materials, and each feels a little different in the "
                "hand.</p>"
                "<ul>"
                "<li><b>Jade</b> is smooth, cool and easy to find, which makes it a friendly first "
                "tool.</li>"
                "<li><b>Rose quartz</b> is said to stay cool on the skin for longer, so people "
                "whose skin runs warm or red, including those with "
                '<a href="/conditions/rosacea/">rosacea</a>, often prefer it.</li>'
                "<li><b>Bone</b> is a traditional choice. It is lighter than stone and feels "
                "warmer to hold.</li>"
                "<li><b>Plastic or resin</b> tools are inexpensive and hard to break, though they "
                "lack the cool touch many people enjoy.</li>"
                "</ul>"
                "<p>Whichever you pick, look for smooth, rounded edges with no chips or rough "
                "spots.</p>"
            ),
        },
        {
            "type": "rich_text",
            "value": (
                "<h2>How to do it</h2>"
                "<ol>"
                "<li>Start with a clean face and smooth on a few drops of facial oil, so the tool "
                "glides rather than drags.</li>"
                "<li>Hold the tool so it lies almost flat against your skin.</li>"
                "<li>Work from the middle of your face outwards: along the jaw towards the ear, "
                "across the cheek towards the temple, and from the brow up into the hairline.</li>"
                "<li>Repeat each stroke three to five times, with about the pressure you would use "
                "to stroke a cat.</li>"
                "<li>Finish with a few light sweeps down the sides of your neck.</li>"
                "</ol>"
                "<h2>Why start slowly</h2>"
                "<p>It is tempting to use a new tool every night, but skin needs time to get used "
                "to it. We suggest one evening a week for the first couple of weeks, then building "
                "up to two or three times a week if your skin stays calm. Five minutes is plenty. "
                "A little pinkness that fades within the hour is normal. Bruising, soreness or "
                "blotchy marks are a sign to press more lightly or leave longer gaps.</p>"
            ),
        },
        {
            "type": "safety_callout",
            "value": {
                "heading": "When to leave it out",
                "text": (
                    "<p>Skip gua sha over spots, broken skin, sunburn or a cold sore, and go very "
                    "gently if you bruise easily or take blood-thinning medicine. Many facial oils "
                    "contain nut oils, so check the label if you have an allergy.</p>"
                ),
            },
        },
        {
            "type": "faq",
            "value": {
                "heading": "Gua sha questions",
                "questions": [
                    {
                        "question": "Should I keep my stone in the fridge?",
                        "answer": (
                            "<p>You can if you like the feeling. A chilled stone may feel "
                            "especially soothing on a puffy morning, but it works just as well at "
                            "room temperature.</p>"
                        ),
                    },
                    {
                        "question": "How do I keep it clean?",
                        "answer": (
                            "<p>Wash it in warm, soapy water after each use, dry it well and store "
                            "it where it will not get knocked. Keep it for your own use only.</p>"
                        ),
                    },
                    {
                        "question": "Can you show me the technique?",
                        "answer": (
                            "<p>Yes. Ask at your next appointment and we will guide you through "
                            "the strokes on your own face, so you can feel the right pressure.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "heading": "Want a hands-on lesson?",
                "text": (
                    "Book a consultation to learn gua sha strokes that suit your skin, and get "
                    "help choosing a tool."
                ),
                "button_label": "Book a consultation",
            },
        },
    ],
}


MICRONEEDLING_AFTERCARE_POST = {
    "slug": "microneedling-aftercare-week-by-week",
    "title": "Your first microneedling session: aftercare week by week",
    "date": "2026-09-17",
    "summary": (
        "Booked your first microneedling session? This week-by-week guide explains how your skin "
        "is likely to look and feel afterwards, and the simple habits that help it settle."
    ),
    "tags": ["microneedling", "aftercare", "sun-care"],
    "authors": ["Priya Nair"],
    "related_treatments": ["microneedling"],
    "body": [
        {
            "type": "rich_text",
            "value": (
                "<p>If you have just had your first "
                '<a href="/treatments/microneedling/">microneedling</a> session, or have one '
                "coming up, it helps to know what the following weeks usually bring. Every skin is "
                "different, so treat this as a rough guide and follow the written advice we give "
                "you on the day.</p>"
                "<h2>Day one: pink, warm and a little tight</h2>"
                "<p>Straight after treatment most people look flushed, as if they have been on a "
                "brisk winter walk. Your face may feel warm, tender and slightly tight for the "
                "rest of the day. That is your skin beginning its repair work.</p>"
                "<ul>"
                "<li>Cleanse with lukewarm water and a mild, fragrance-free cleanser, then pat dry "
                "with a fresh towel.</li>"
                "<li>Use only the balm or serum we send you home with.</li>"
                "<li>Leave make-up off and try not to touch your face.</li>"
                "<li>Put a fresh case on your pillow, and give the gym or anything else that "
                "leaves you sweaty a miss.</li>"
                "</ul>"
                "<h2>Days two to seven: settling down</h2>"
                "<p>Redness usually fades over one to three days. Towards the end of the week some "
                "people notice a little dryness or flaking. Let it come away on its own rather "
                "than picking or scrubbing.</p>"
                "<ul>"
                "<li>Moisturise with something plain and wear SPF 30 or above every morning, even "
                "on grey days.</li>"
                "<li>Keep out of strong sun where you can; a wide-brimmed hat helps.</li>"
                "<li>Hold off on scrubs, acids and retinoids.</li>"
                "<li>Stay away from saunas, steam rooms and swimming pools.</li>"
                "</ul>"
            ),
        },
        {
            "type": "rich_text",
            "value": (
                "<h2>Week two: back to normal, gradually</h2>"
                "<p>By now your skin should feel comfortable again. Bring back your usual products "
                "one at a time, a few days apart, so you can tell which one is to blame if "
                "anything stings. If you are thinking about a peel or laser treatment, have a word "
                "with us first.</p>"
                "<h2>Weeks four to eight: the quieter changes</h2>"
                "<p>This is when the deeper work starts to show. New collagen builds slowly, so "
                "the fuller effect of each session tends to appear around six to eight weeks "
                "later. Many people notice smoother texture first, with softer-looking scars or "
                "lines building over a course of three to six sessions, spaced four to six weeks "
                "apart.</p>"
            ),
        },
        {
            "type": "safety_callout",
            "value": {
                "heading": "Signs to call us about",
                "text": (
                    "<p>Please get in touch if redness is getting worse rather than better after "
                    "day three, if you see yellow crusts or pus, or if you feel feverish or "
                    "unwell. These can be signs of infection and need checking promptly.</p>"
                ),
            },
        },
        {
            "type": "faq",
            "value": {
                "heading": "Aftercare questions",
                "questions": [
                    {
                        "question": "Can I wear make-up to work the next day?",
                        "answer": (
                            "<p>Usually, once a full day has passed and your skin no longer feels "
                            "raw. Choose a light mineral product and wash your brushes "
                            "beforehand.</p>"
                        ),
                    },
                    {
                        "question": "Is it normal to feel itchy?",
                        "answer": (
                            "<p>A mild itch as skin heals is common. Try not to scratch: a cool, "
                            "clean flannel and your moisturiser often take the edge off.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "heading": "Thinking about your first session?",
                "text": (
                    "Book a consultation to find out whether microneedling suits your skin, and to "
                    "go through aftercare before you start."
                ),
                "button_label": "Book a consultation",
            },
        },
    ],
}


DERMAROLLER_POST = {
    "slug": "why-a-chemist-dermaroller-may-only-exfoliate",
    "title": "Why a dermaroller from the chemist may only exfoliate",
    "date": "2026-10-08",
    "summary": (
        "Home dermarollers are cheap and easy to find, but their short needles work on the very "
        "surface of the skin. Here is what they may and may not do, and how to use one sensibly."
    ),
    "tags": ["microneedling", "at-home-care", "acne"],
    "authors": ["Priya Nair", "Ellen Okafor"],
    "related_treatments": ["microneedling", "facial-acupuncture"],
    "body": [
        {
            "type": "rich_text",
            "value": (
                "<p>A dermaroller looks simple: a small drum studded with tiny needles on a "
                "handle. You will find them near the face masks in most chemists, often with bold "
                "claims on the box. It is fair to wonder why anyone would pay for clinic treatment "
                "when a roller costs less than lunch out.</p>"
                "<h2>It comes down to needle length</h2>"
                "<p>Most rollers sold for home use have needles 0.25 mm long or less. At that "
                "length they mainly reach the outer layer of dead skin cells. Your face may feel "
                "smoother afterwards and a serum may soak in more easily, which is pleasant, but "
                "the effect is closer to a gentle exfoliation than to clinic microneedling.</p>"
                '<p>For <a href="/treatments/microneedling/">microneedling in the clinic</a> '
                "needle depth runs from 0.5 mm up to 1.5 mm, set area by area. Working at those "
                "depths is what may prompt the skin to lay down new collagen, which is why clinic "
                'sessions are used for concerns such as <a href="/conditions/acne-scars/">acne '
                'scars</a> and <a href="/conditions/fine-lines-and-wrinkles/">fine lines</a>. Skin '
                "opened that deeply needs sterile, single-use needles, numbing cream and careful "
                "aftercare, so it is work for a trained practitioner.</p>"
            ),
        },
        {
            "type": "safety_callout",
            "value": {
                "heading": "Never roll over active spots",
                "text": (
                    '<p>Rolling over <a href="/conditions/acne/">active acne</a>, cold sores, '
                    "eczema or broken skin can spread bacteria and inflame the skin further. "
                    "Please ask us before rolling at all if you take isotretinoin or "
                    "blood-thinning medicine, or if your skin tends to form raised or keloid "
                    "scars.</p>"
                ),
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<h2>If you would like to roll at home</h2>"
                "<ul>"
                "<li>Choose a roller whose needles are no longer than 0.25 mm.</li>"
                "<li>Begin with once a week. Some boxes suggest nightly use from the start, which "
                "can leave skin sore and irritated. Build up slowly, and only while your skin "
                "stays calm.</li>"
                "<li>Roll lightly in a few directions over clean, dry skin for two or three "
                "minutes, then apply a plain, gentle serum.</li>"
                "<li>Clean the roller before and after every use, keep it to yourself and replace "
                "it regularly, or straight away if the needles look bent.</li>"
                "<li>Leave a week's gap either side of a clinic session.</li>"
                "</ul>"
                "<h2>So is a home roller worth it?</h2>"
                "<p>It can be a pleasant part of a routine, as long as you see it for what it is. "
                "If you are hoping to soften scars or deeper lines, a course of clinic sessions is "
                "more likely to help, and we are happy to talk through whether that makes sense "
                "for you. We also teach home rolling as part of "
                '<a href="/treatments/facial-acupuncture/">facial acupuncture</a> aftercare, so '
                "ask us to show you the technique.</p>"
            ),
        },
        {
            "type": "call_to_action",
            "value": {
                "heading": "Not sure what your skin needs?",
                "text": (
                    "Book a consultation for an honest chat about home rolling, clinic "
                    "microneedling and what your skin may need."
                ),
                "button_label": "Book a consultation",
            },
        },
    ],
}


EVENING_MASSAGE_POST = {
    "slug": "five-minute-evening-face-massage",
    "title": "A five-minute evening face massage",
    "date": "2026-10-29",
    "summary": (
        "A short face massage before bed may help you unwind, ease a tight jaw and leave skin "
        "looking more rested. Here is a simple five-minute routine that needs only your hands and "
        "a little oil."
    ),
    "tags": ["facial-massage", "at-home-care", "jaw-tension", "ageing-skin"],
    "authors": ["Tomasz Kowal"],
    "related_treatments": ["facial-massage"],
    "body": [
        {
            "type": "rich_text",
            "value": (
                "<p>Our faces work hard all day. We frown at screens, squint into low winter sun "
                "and clench our jaws in traffic. A few minutes of slow massage in the evening is a "
                "kind way to let all of that go, and many people find it helps them wind down "
                "before sleep.</p>"
                "<p>This is a shortened version of the routine we teach after a "
                '<a href="/treatments/facial-massage/">facial massage</a>. Once it feels familiar, '
                "you can stretch it to fifteen or twenty minutes on evenings when you have more "
                "time.</p>"
                "<h2>Before you start</h2>"
                "<p>Start with a freshly washed face, dried with a soft towel. Rub a few drops of "
                "facial oil, or a little of your usual night cream, between your hands until it "
                "feels warm, then smooth it over your skin. Your fingers should glide without "
                "tugging.</p>"
            ),
        },
        {
            "type": "rich_text",
            "value": (
                "<h2>The routine</h2>"
                "<ol>"
                "<li><b>Breathe (30 seconds).</b> Rest your palms over your face, close your eyes "
                "and take three slow breaths.</li>"
                "<li><b>Jaw (1 minute).</b> Find the muscle in front of your ears that firms up "
                "when you bite. Press in with two fingertips and make slow circles, letting your "
                "mouth fall slightly open.</li>"
                "<li><b>Cheeks (1 minute).</b> With your knuckles, make small upward circles from "
                "beside your nose out towards your ears.</li>"
                "<li><b>Temples and forehead (1 minute).</b> Circle gently at your temples, then "
                "use flat fingers to smooth across your forehead from the centre outwards.</li>"
                "<li><b>Mouth and nose (1 minute).</b> Make small circles at either end of your "
                "lips and along the sides of your nose, then tap your fingertips lightly above and "
                "below your lips.</li>"
                "<li><b>Finish (30 seconds).</b> Sweep your hands slowly down the sides of your "
                "neck towards your collarbones.</li>"
                "</ol>"
            ),
        },
        {
            "type": "quote",
            "value": {
                "quote": (
                    "I do this while the kettle boils for my bedtime tea. A month on, my jaw feels "
                    "looser in the mornings, and it has become the calmest five minutes of my day."
                ),
                "attribution": "Hannah, patient",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<h2>Making it a habit</h2>"
                "<p>Doing a little often matters more than getting every stroke right. Try it most "
                "evenings for a month or two and notice how you feel. Many people find their face "
                'looks less <a href="/conditions/puffy-skin/">puffy</a> in the morning and their '
                "expression feels softer. Keep the touch light and comfortable throughout, and "
                "ease off if anything feels sore.</p>"
                "<p>Leave out any areas with spots, broken skin or sunburn. If you are trying a "
                "new oil, dab a little on the inside of your wrist the day before to check it "
                "agrees with you.</p>"
            ),
        },
        {
            "type": "call_to_action",
            "value": {
                "heading": "Would you like us to show you?",
                "text": (
                    "Book a consultation for a full facial massage, and learn your evening routine "
                    "in person before you go home."
                ),
                "button_label": "Book a consultation",
            },
        },
    ],
}


# General advice: deliberately no related treatments.
SUN_CARE_POST = {
    "slug": "sun-care-after-skin-treatments",
    "title": "Sun care after skin treatments",
    "date": "2026-11-19",
    "summary": (
        "Freshly treated skin is more sensitive to sunlight, even in a British November. Here is "
        "how to protect it after microneedling and other treatments, and why sunscreen matters all "
        "year round."
    ),
    "tags": ["sun-care", "aftercare", "ageing-skin", "microneedling"],
    "authors": ["Ellen Okafor"],
    "related_treatments": [],
    "body": [
        {
            "type": "rich_text",
            "value": (
                "<p>Sunscreen is the one product we mention at nearly every appointment, whatever "
                "you have come in for. It can seem odd advice in autumn, when the days are short "
                "and grey, but ultraviolet light still reaches your skin through cloud and window "
                "glass, and over the years it is one of the main reasons skin "
                '<a href="/conditions/sun-damage/">ages faster</a> than it needs to.</p>'
                "<h2>Why treated skin needs extra care</h2>"
                '<p>After <a href="/treatments/microneedling/">microneedling</a>, your skin is '
                "busy mending thousands of tiny channels. For a week or so it is more easily "
                "irritated and quicker to burn. Sun on healing skin may also leave "
                '<a href="/conditions/dark-spots/">dark patches</a>, particularly on deeper skin '
                "tones, and these can take months to fade. The same care makes sense after facial "
                "acupuncture that includes dermarolling.</p>"
                "<h2>Choosing a sunscreen</h2>"
                "<ul>"
                "<li>Pick a broad-spectrum product of SPF 30 or higher with good UVA protection: "
                "four or five stars, or the letters UVA in a circle.</li>"
                "<li>In the first week after microneedling, a mineral sunscreen based on zinc "
                "oxide or titanium dioxide is often gentler on sensitive skin.</li>"
                "<li>Be generous. For the face and neck, roughly two finger-lengths of cream is "
                "about right.</li>"
                "<li>Top up every two hours when you are outside, and after sweating or towelling "
                "off.</li>"
                "</ul>"
                "<h2>More than a bottle</h2>"
                "<p>Sunscreen works best alongside a few simple habits. A wide-brimmed hat and "
                "good sunglasses shield the delicate skin around your eyes. From March to October, "
                "seek out shade between 11am and 3pm, when UK sunshine is at its strongest. If you "
                "have a sunny holiday coming up, mention it when you book, as we may suggest "
                "moving a microneedling session so your skin has time to settle first.</p>"
            ),
        },
        {
            "type": "safety_callout",
            "value": {
                "heading": "Sunburnt? Let us know first",
                "text": (
                    "<p>We do not treat skin that is sunburnt or peeling, so please let us know "
                    "ahead of your appointment and we can find a new date. If a mole or dark patch "
                    "is new, changing or bleeding, see your GP before having any cosmetic "
                    "treatment.</p>"
                ),
            },
        },
        {
            "type": "faq",
            "value": {
                "heading": "Sun care questions",
                "questions": [
                    {
                        "question": "Does make-up with SPF count?",
                        "answer": (
                            "<p>It helps a little, but most of us wear far less foundation than it "
                            "takes to reach the number on the label. Wear a proper sunscreen "
                            "underneath.</p>"
                        ),
                    },
                    {
                        "question": "Do I need sunscreen indoors?",
                        "answer": (
                            "<p>If you sit by a window for much of the day, it is worth wearing. "
                            "Ordinary glass blocks most UVB light but lets a good share of UVA "
                            "through.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "heading": "Questions about your skin?",
                "text": (
                    "Book a consultation and together we can build a simple daily routine, sun "
                    "protection included, around your treatment plan."
                ),
                "button_label": "Book a consultation",
            },
        },
    ],
}


POSTS = [
    JAW_TENSION_POST,
    GUA_SHA_POST,
    MICRONEEDLING_AFTERCARE_POST,
    DERMAROLLER_POST,
    EVENING_MASSAGE_POST,
    SUN_CARE_POST,
]
