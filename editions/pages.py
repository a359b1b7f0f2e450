"""The About, Contact and Privacy pages a new site starts with, in each edition.

Short texts for editors to rewrite in the admin (Pages); ``create_edition_pages`` adds
those an edition lacks. ``{name}`` is the edition's newsroom name, ``{email}`` the
newsroom's address.
"""

PAGES = {
    "/about/": {
        "en": (
            "About us",
            "<p>{name} is an independent newsroom reporting on Afghanistan, Pakistan and the region "
            "in English, Pashto and Dari.</p>"
            "<p>Our reporters and editors work to the same standard in every language: we check what we "
            "publish, we name our sources wherever it is safe to do so, and we correct our mistakes in public.</p>"
            "<h2>Corrections</h2>"
            "<p>When we get something wrong we say so at the top of the article and on our corrections page.</p>",
        ),
        "ps": (
            "زموږ په اړه",
            "<p>{name} یوه خپلواکه خبري اداره ده چې د افغانستان، پاکستان او سیمې خبرونه په انګلیسي، "
            "پښتو او دري ژبو خپروي.</p>"
            "<p>زموږ خبریالان او مدیران په هره ژبه یو شان معیار ته ژمن دي: هر څه چې خپروو لومړی یې "
            "ارزوو، هر چېرې چې خوندي وي خپلې سرچینې نوموو، او خپلې تېروتنې په ښکاره سموو.</p>"
            "<h2>سمونې</h2>"
            "<p>کله چې تېروتنه وکړو، د مطلب په سر کې او زموږ د سمونو په پاڼه کې یې یادوو.</p>",
        ),
        "fa-af": (
            "درباره ما",
            "<p>{name} یک رسانهٔ مستقل خبری است که خبرهای افغانستان، پاکستان و منطقه را به زبان‌های "
            "انگلیسی، پشتو و دری نشر می‌کند.</p>"
            "<p>خبرنگاران و ویراستاران ما در هر زبان به یک معیار پایبند اند: آنچه را نشر می‌کنیم بررسی "
            "می‌کنیم، هر جا که امن باشد منابع خود را نام می‌بریم و اشتباهات خود را آشکارا اصلاح می‌کنیم.</p>"
            "<h2>اصلاحات</h2>"
            "<p>هرگاه اشتباهی کنیم، آن را در بالای مطلب و در صفحهٔ اصلاحات خود اعلام می‌کنیم.</p>",
        ),
    },
    "/contact/": {
        "en": (
            "Contact",
            "<p>Tips, corrections and questions reach our editors at "
            "<a href=\"mailto:{email}\">{email}</a>.</p>"
            "<p>If you are sending sensitive information, tell us first how we can reach you safely.</p>",
        ),
        "ps": (
            "اړیکه",
            "<p>خبري سرنخونه، سمونې او پوښتنې زموږ مدیرانو ته په "
            "<a href=\"mailto:{email}\">{email}</a> ولېږئ.</p>"
            "<p>که حساس معلومات لېږئ، لومړی موږ ته ووایاست چې څنګه له تاسو سره په خوندي ډول اړیکه ونیسو.</p>",
        ),
        "fa-af": (
            "تماس با ما",
            "<p>سرنخ‌های خبری، اصلاحات و پرسش‌های خود را به نشانی "
            "<a href=\"mailto:{email}\">{email}</a> برای ویراستاران ما بفرستید.</p>"
            "<p>اگر معلومات حساس می‌فرستید، نخست به ما بگویید که چگونه می‌توانیم به‌گونهٔ امن با شما "
            "تماس بگیریم.</p>",
        ),
    },
    "/privacy/": {
        "en": (
            "Privacy",
            "<p>{name} does not use advertising trackers or third-party analytics. Our pages load no "
            "scripts, fonts or images from other companies.</p>"
            "<p>Our server keeps short-lived technical logs to keep the site running. If you donate, we keep "
            "only what the law requires for the donation.</p>",
        ),
        "ps": (
            "محرمیت",
            "<p>{name} د اعلانونو تعقیبوونکي او د نورو شرکتونو د لیدونکو شمېرنې وسایل نه کاروي. زموږ "
            "پاڼې د نورو شرکتونو هېڅ سکرېپټ، فونټ یا انځور نه راوړي.</p>"
            "<p>زموږ سرور د سایټ د چلولو لپاره لنډمهاله تخنیکي یادښتونه ساتي. که مرسته وکړئ، یوازې هغه "
            "څه ساتو چې قانون یې د مرستې لپاره غواړي.</p>",
        ),
        "fa-af": (
            "حریم خصوصی",
            "<p>{name} از ردیاب‌های تبلیغاتی و ابزارهای آمارگیری شرکت‌های دیگر استفاده نمی‌کند. صفحه‌های "
            "ما هیچ اسکریپت، فونت یا تصویری را از شرکت‌های دیگر بار نمی‌کنند.</p>"
            "<p>سرور ما برای فعال نگه‌داشتن سایت، گزارش‌های فنی کوتاه‌مدت نگه می‌دارد. اگر کمک مالی کنید، "
            "تنها همان چیزی را نگه می‌داریم که قانون برای آن کمک لازم می‌داند.</p>",
        ),
    },
}
