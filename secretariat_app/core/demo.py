"""A realistic demo history for exploring the app and for screenshots and sample reports.

Six forums with about 65 decisions across all statuses, sectors and both countries' regions,
with progress reports, and the next forum planned (city and dates, no decisions yet) so that a
report for it can be made at once. Dates are laid out relative to ``today``, so the demo always
looks current; the content follows the Forum's real history: the 30-day stay without registration
agreed in Orenburg and still not done a year later, the Western Europe–Western China highway, the
secretariat proposed in Ust-Kamenogorsk.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from secretariat_app.core.enums import ExecutorKind, LinkKind, Role, Status
from secretariat_app.core.models import Decision, Executor, Forum
from secretariat_app.core.services.decisions import (
    AssignmentInput,
    DecisionInput,
    create_decision,
    link_decisions,
    update_decision,
)
from secretariat_app.core.services.directory import (
    ExecutorInput,
    create_executor,
    seed_regions,
    seed_sectors,
)
from secretariat_app.core.services.forums import ForumInput, create_forum
from secretariat_app.core.services.progress import NoteInput, ProgressInput, add_progress_entry


@dataclass(frozen=True)
class _Host:
    city_ru: str
    city_kk: str
    country: str
    theme_ru: str
    theme_kk: str


HOSTS = (
    _Host("Оренбург", "Орынбор", "RU",
          "Приграничное сотрудничество: новые возможности",
          "Шекара маңы ынтымақтастығы: жаңа мүмкіндіктер"),
    _Host("Усть-Каменогорск", "Өскемен", "KZ",
          "Инновационное развитие приграничных регионов",
          "Шекара маңы өңірлерінің инновациялық дамуы"),
    _Host("Астрахань", "Астрахан", "RU",
          "Транспорт и логистика на Каспии",
          "Каспийдегі көлік және логистика"),
    _Host("Павлодар", "Павлодар", "KZ",
          "Промышленная кооперация и энергетика",
          "Өнеркәсіптік кооперация және энергетика"),
    _Host("Челябинск", "Челябі", "RU",
          "Человеческий капитал: образование и здравоохранение",
          "Адами капитал: білім және денсаулық сақтау"),
    _Host("Атырау", "Атырау", "KZ",
          "Экология и рациональное природопользование",
          "Экология және табиғатты ұтымды пайдалану"),
    _Host("Омск", "Омбы", "RU",
          "Цифровизация и торговля в приграничье",
          "Шекара маңындағы цифрландыру және сауда"),
)  # fmt: skip

FIRST_NUMBER = 6

#: (sector, Russian text, Kazakh text, Russian side executor, Kazakh side executor)
TEMPLATES: tuple[tuple[str, str, str, str, str], ...] = (
    ("transport",
     "Ускорить строительство автомобильной дороги «Западная Европа — Западный Китай» на участках, "
     "проходящих по территории Оренбургской и Актюбинской областей.",
     "«Батыс Еуропа — Батыс Қытай» автомобиль жолының Орынбор және Ақтөбе облыстарының аумағы "
     "арқылы өтетін учаскелерінде құрылысты жеделдету.", "RU-ORE", "KZ-15"),
    ("trade", "Модернизировать автомобильные пункты пропуска на казахстанско-российской границе и "
     "сократить время ожидания грузовых машин.",
     "Қазақстан-Ресей шекарасындағы автомобиль өткізу пункттерін жаңғырту және жүк көліктерінің "
     "күту уақытын қысқарту.", "RU-SAM", "KZ-27"),
    ("ecology", "Разработать совместный план мероприятий по предупреждению паводков в бассейне реки Урал.",
     "Жайық өзенінің бассейнінде су тасқынының алдын алу жөніндегі бірлескен іс-шаралар жоспарын "
     "әзірлеу.", "RU-ORE", "KZ-23"),
    ("ecology", "Организовать совместный мониторинг качества воды в трансграничной реке Иртыш.",
     "Ертіс трансшекаралық өзеніндегі су сапасына бірлескен мониторинг ұйымдастыру.", "RU-OMS", "KZ-55"),
    ("education", "Увеличить квоты на обучение студентов приграничных регионов в вузах другой стороны.",
     "Шекара маңы өңірлері студенттерінің екінші тараптың жоғары оқу орындарында оқуына арналған "
     "квоталарды ұлғайту.", "RU-CHE", "KZ-39"),
    ("health", "Обеспечить оказание экстренной медицинской помощи жителям приграничных районов в "
     "медицинских организациях другой стороны.",
     "Шекара маңы аудандарының тұрғындарына екінші тараптың медициналық ұйымдарында шұғыл "
     "медициналық көмек көрсетуді қамтамасыз ету.", "RU-ALT", "KZ-10"),
    ("transport", "Открыть регулярные автобусные маршруты между областными центрами приграничных регионов.",
     "Шекара маңы өңірлерінің облыс орталықтары арасында тұрақты автобус бағыттарын ашу.",
     "RU-KGN", "KZ-59"),
    ("transport", "Возобновить прямое авиасообщение между Астраханью и Атырау.",
     "Астрахан мен Атырау арасындағы тікелей әуе қатынасын қайта жаңғырту.", "RU-AST", "KZ-23"),
    ("agriculture", "Упростить фитосанитарный контроль при взаимных поставках зерна.",
     "Астықты өзара жеткізу кезінде фитосанитариялық бақылауды оңайлату.", "RU-SAR", "KZ-27"),
    ("agriculture", "Провести совместные противоэпизоотические мероприятия в приграничных районах.",
     "Шекара маңы аудандарында бірлескен эпизоотияға қарсы іс-шаралар өткізу.", "RU-VGG", "KZ-23"),
    ("energy", "Проработать вопрос параллельной работы энергосистем приграничных регионов.",
     "Шекара маңы өңірлері энергия жүйелерінің қатар жұмыс істеу мәселесін пысықтау.",
     "RU-NVS", "KZ-55"),
    ("energy", "Рассмотреть газификацию населённых пунктов приграничных районов за счёт поставок с "
     "месторождения Карачаганак.",
     "Қарашығанақ кен орнынан жеткізу есебінен шекара маңы аудандарының елді мекендерін "
     "газдандыру мүмкіндігін қарастыру.", "RU-ORE", "KZ-27"),
    ("industry", "Создать совместные предприятия в машиностроении с участием предприятий Челябинской "
     "и Костанайской областей.",
     "Челябі және Қостанай облыстары кәсіпорындарының қатысуымен машина жасау саласында бірлескен "
     "кәсіпорындар құру.", "RU-CHE", "KZ-39"),
    ("culture", "Разработать совместный туристический маршрут «Большой Алтай».",
     "«Ұлы Алтай» бірлескен туристік бағытын әзірлеу.", "RU-AL", "KZ-63"),
    ("culture", "Провести Дни культуры приграничных регионов в областных центрах обеих сторон.",
     "Екі тараптың облыс орталықтарында шекара маңы өңірлерінің Мәдениет күндерін өткізу.",
     "RU-TYU", "KZ-59"),
    ("security", "Усилить взаимодействие правоохранительных органов в борьбе с незаконным оборотом "
     "наркотиков.",
     "Есірткінің заңсыз айналымына қарсы күресте құқық қорғау органдарының өзара іс-қимылын күшейту.",
     "RU-OMS", "KZ-55"),
    ("security", "Заключить соглашение о взаимной помощи при тушении степных пожаров в приграничной полосе.",
     "Шекара маңы белдеуінде дала өрттерін сөндіру кезінде өзара көмек көрсету туралы келісім жасасу.",
     "RU-KGN", "KZ-39"),
    ("trade", "Открыть торговые представительства Омской области в Павлодаре и Павлодарской области в Омске.",
     "Омбы облысының Павлодарда және Павлодар облысының Омбыда сауда өкілдіктерін ашу.",
     "RU-OMS", "KZ-55"),
    ("trade", "Внедрить предварительное электронное информирование на автомобильных пунктах пропуска.",
     "Автомобиль өткізу пункттерінде алдын ала электрондық хабарлауды енгізу.", "RU-ORE", "KZ-15"),
    ("migration", "Упростить порядок трудоустройства граждан другой стороны в приграничных регионах.",
     "Шекара маңы өңірлерінде екінші тарап азаматтарын жұмысқа орналастыру тәртібін оңайлату.",
     "RU-SAR", "KZ-27"),
    ("transport", "Восстановить пригородное железнодорожное сообщение Петропавловск — Курган.",
     "Петропавл — Қорған қала маңы теміржол қатынасын қалпына келтіру.", "RU-KGN", "KZ-59"),
    ("education", "Создать консорциум аграрных университетов приграничных регионов.",
     "Шекара маңы өңірлерінің аграрлық университеттерінің консорциумын құру.", "RU-ORE", "KZ-11"),
    ("health", "Организовать телемедицинские консультации между областными больницами.",
     "Облыстық ауруханалар арасында телемедициналық консультациялар ұйымдастыру.", "RU-TYU", "KZ-59"),
    ("agriculture", "Развивать кооперацию в переработке сельскохозяйственной продукции.",
     "Ауыл шаруашылығы өнімдерін қайта өңдеудегі кооперацияны дамыту.", "RU-ALT", "KZ-63"),
    ("education", "Проводить ежегодный молодёжный форум приграничных регионов.",
     "Шекара маңы өңірлерінің жыл сайынғы жастар форумын өткізу.", "RU-SAM", "KZ-15"),
    ("ecology", "Разработать совместную программу сохранения биоресурсов Каспийского моря.",
     "Каспий теңізінің биоресурстарын сақтаудың бірлескен бағдарламасын әзірлеу.", "RU-AST", "KZ-47"),
    ("industry", "Создать совместный индустриальный парк на границе Оренбургской и Актюбинской областей.",
     "Орынбор және Ақтөбе облыстарының шекарасында бірлескен индустриялық парк құру.", "RU-ORE", "KZ-15"),
    ("energy", "Обеспечить взаимные поставки электроэнергии в часы пиковой нагрузки.",
     "Ең жоғары жүктеме сағаттарында электр энергиясын өзара жеткізуді қамтамасыз ету.",
     "RU-OMS", "KZ-55"),
    ("culture", "Провести совместные археологические экспедиции на территории Южного Урала.",
     "Оңтүстік Орал аумағында бірлескен археологиялық экспедициялар өткізу.", "RU-CHE", "KZ-39"),
    ("health", "Согласовать порядок взаимного признания результатов лабораторных исследований.",
     "Зертханалық зерттеулер нәтижелерін өзара тану тәртібін келісу.", "RU-VGG", "KZ-27"),
)  # fmt: skip

AGENCIES = (
    ("МВД Российской Федерации", "Ресей Федерациясының Ішкі істер министрлігі", "Ministry of Internal Affairs of Russia", "RU"),
    ("МВД Республики Казахстан", "Қазақстан Республикасының Ішкі істер министрлігі", "Ministry of Internal Affairs of Kazakhstan", "KZ"),
    ("Министерство транспорта Республики Казахстан", "Қазақстан Республикасының Көлік министрлігі", "Ministry of Transport of Kazakhstan", "KZ"),
    ("Министерство транспорта Российской Федерации", "Ресей Федерациясының Көлік министрлігі", "Ministry of Transport of Russia", "RU"),
)  # fmt: skip

REPORT_PHRASES = (
    ("Подготовлен проект документа, проводятся межведомственные согласования.",
     "Құжаттың жобасы дайындалды, ведомствоаралық келісулер жүргізілуде."),
    ("Проведена рабочая встреча представителей сторон, согласован план действий.",
     "Тараптар өкілдерінің жұмыс кездесуі өтті, іс-қимыл жоспары келісілді."),
    ("Выделено финансирование, начаты работы.", "Қаржы бөлінді, жұмыстар басталды."),
    ("Работы завершены, решение выполнено.", "Жұмыстар аяқталды, шешім орындалды."),
    ("Информация от исполнителя не поступила.", "Орындаушыдан ақпарат түскен жоқ."),
    ("Вопрос рассмотрен на заседании рабочей группы.", "Мәселе жұмыс тобының отырысында қаралды."),
)  # fmt: skip

OBSTACLES = (
    ("Не решён вопрос финансирования.", "Қаржыландыру мәселесі шешілмеген."),
    ("Требуется изменение законодательства.", "Заңнамаға өзгеріс енгізу қажет."),
)  # fmt: skip


def forum_dates(today: dt.date) -> list[dt.date]:
    """Start dates of the seven demo forums: six a year apart, the seventh about ten weeks ahead."""
    upcoming = today + dt.timedelta(days=75)
    return [upcoming.replace(year=upcoming.year - k) for k in range(len(HOSTS) - 1, -1, -1)]


def load_demo(session: Session, today: dt.date | None = None) -> int:
    """Fill an empty database with the demo history; returns the number of decisions added."""
    today = today or dt.date.today()
    if session.scalar(select(func.count()).select_from(Forum)):
        from secretariat_app.core.errors import ValidationError
        from secretariat_app.core.i18n import N_

        raise ValidationError("demo", N_("The demo data goes into an empty database only."))
    seed_sectors(session)
    seed_regions(session)
    session.flush()
    agencies = [
        create_executor(session, ExecutorInput(ExecutorKind.AGENCY, ru, kk, en, country=country))[0]
        for ru, kk, en, country in AGENCIES
    ]
    executors = {e.code: e for e in session.scalars(select(Executor).where(Executor.code.is_not(None)))}
    rng = random.Random(2010)
    forums: list[Forum] = []
    for index, (host, start) in enumerate(zip(HOSTS, forum_dates(today), strict=True)):
        forum, _ = create_forum(
            session,
            ForumInput(
                number=FIRST_NUMBER + index,
                city_ru=host.city_ru,
                city_kk=host.city_kk,
                country=host.country,
                start_date=start,
                end_date=start + dt.timedelta(days=1),
                theme_ru=host.theme_ru,
                theme_kk=host.theme_kk,
                protocol_number=f"{FIRST_NUMBER + index}-П" if start < today else "",
                protocol_date=start + dt.timedelta(days=1) if start < today else None,
            ),
        )
        forums.append(forum)
    past = [f for f in forums if f.start_date < today]
    count = 0
    templates = list(TEMPLATES)
    rng.shuffle(templates)
    story = _story_decisions(session, past, executors, agencies, today)
    count += len(story)
    for forum_index, forum in enumerate(past):
        for item in range(10):
            template = templates[(forum_index * 10 + item) % len(templates)]
            count += 1
            _demo_decision(session, rng, forum, forum_index, item, template, executors, today, len(past))
    return count


def _demo_decision(
    session: Session,
    rng: random.Random,
    forum: Forum,
    forum_index: int,
    item: int,
    template: tuple[str, str, str, str, str],
    executors: dict[str | None, Executor],
    today: dt.date,
    forum_count: int,
) -> None:
    sector, text_ru, text_kk, ru_code, kk_code = template
    age = forum_count - forum_index  # forums ago
    texts = {"ru": text_ru, "kk": text_kk}
    if (forum_index + item) % 23 == 5:
        del texts["kk"]  # a gap the report must show, not hide
    deadline = (
        None if item % 7 == 6 else forum.start_date + dt.timedelta(days=rng.choice((180, 270, 365, 540)))
    )
    own = Status.FOR_INFORMATION if item == 9 else Status.NOT_STARTED
    lead, co = (executors[kk_code], executors[ru_code])
    if (forum_index + item) % 2:
        lead, co = co, lead
    decision, _ = create_decision(
        session,
        DecisionInput(
            forum_id=forum.id,
            code=f"{4 + item // 4}.{1 + item % 4}",
            texts=texts,
            sector=sector,
            deadline=deadline,
            status=own,
        ),
        [AssignmentInput(lead.id, Role.LEAD), AssignmentInput(co.id, Role.CO_EXECUTOR)],
    )
    if own is Status.FOR_INFORMATION:
        return
    target = _target_status(rng, age)
    if target is Status.NOT_STARTED:
        return
    finals = {
        Status.IMPLEMENTED: (Status.IMPLEMENTED, Status.IMPLEMENTED),
        Status.PARTIAL: (Status.IMPLEMENTED, Status.IN_PROGRESS),
        Status.IN_PROGRESS: (Status.IN_PROGRESS, Status.IN_PROGRESS),
        Status.NO_INFO: (Status.NO_INFO, Status.NO_INFO),
        Status.CANCELLED: (Status.IN_PROGRESS, Status.IN_PROGRESS),
    }[target]
    # Most executors write regularly; some fall silent, which the stalled rule must catch.
    silent = rng.random() < 0.2
    last_day = today - dt.timedelta(days=rng.randint(300, 600) if silent else rng.randint(10, 120))
    if last_day <= forum.end_date:
        last_day = min(today, forum.end_date + dt.timedelta(days=30))
    steps = rng.randint(1, 1 + min(age, 3))
    for number, executor in enumerate((lead, co)):
        for step in range(steps):
            span = (last_day - forum.end_date).days
            day = forum.end_date + dt.timedelta(days=max(1, span * (step + 1) // steps - number * 3))
            outcome = finals[number] if step == steps - 1 else Status.IN_PROGRESS
            phrase = REPORT_PHRASES[
                {Status.IMPLEMENTED: 3, Status.NO_INFO: 4}.get(outcome, rng.randint(0, 2))
            ]
            obstacle = (
                OBSTACLES[rng.randint(0, 1)]
                if step == steps - 1 and outcome is Status.IN_PROGRESS
                else ("", "")
            )
            add_progress_entry(
                session,
                decision.id,
                ProgressInput(
                    entry_date=day,
                    status=outcome,
                    executor_id=executor.id,
                    notes={
                        "ru": NoteInput(phrase[0], obstacle[0]),
                        "kk": NoteInput(phrase[1], obstacle[1]),
                    },
                    letter_number=f"{rng.randint(1, 40)}-{rng.randint(1, 9)}/{rng.randint(100, 999)}",
                    letter_date=day - dt.timedelta(days=rng.randint(3, 12)),
                ),
            )
    if target is Status.CANCELLED:
        add_progress_entry(
            session,
            decision.id,
            ProgressInput(
                entry_date=last_day,
                status=Status.CANCELLED,
                notes={
                    "ru": NoteInput("Решение утратило актуальность."),
                    "kk": NoteInput("Шешім өзектілігін жоғалтты."),
                },
            ),
        )


def _target_status(rng: random.Random, age: int) -> Status:
    """Where a decision of a forum ``age`` forums ago stands today: older ones are further along."""
    weights = {
        Status.IMPLEMENTED: 0.1 * age,
        Status.PARTIAL: 0.15,
        Status.IN_PROGRESS: 0.3,
        Status.NO_INFO: 0.07,
        Status.NOT_STARTED: 0.08,
        Status.CANCELLED: 0.05 if age >= 3 else 0.0,
    }
    return rng.choices(list(weights), list(weights.values()))[0]


def _story_decisions(
    session: Session,
    past: list[Forum],
    executors: dict[str | None, Executor],
    agencies: list[Executor],
    today: dt.date,
) -> list[Decision]:
    """The Forum's real cases, with their history across forums."""
    orenburg, ust_kamenogorsk, astrakhan = past[0], past[1], past[2]
    mvd_ru, mvd_kz, _, _ = agencies
    stay_ru = (
        "Обеспечить гражданам Республики Казахстан и Российской Федерации возможность пребывания "
        "на территории другой стороны до 30 суток без регистрации."
    )
    stay_kk = (
        "Қазақстан Республикасы мен Ресей Федерациясының азаматтарына екінші тараптың аумағында "
        "30 тәулікке дейін тіркеусіз болу мүмкіндігін қамтамасыз ету."
    )
    first, _ = create_decision(
        session,
        DecisionInput(
            orenburg.id,
            "1.1",
            {
                "ru": stay_ru,
                "kk": stay_kk,
                "en": "Let citizens of Kazakhstan and Russia stay up to 30 days without registration.",
            },
            "migration",
            orenburg.start_date + dt.timedelta(days=365),
        ),
        [
            AssignmentInput(mvd_ru.id, Role.LEAD),
            AssignmentInput(mvd_kz.id, Role.LEAD),
            AssignmentInput(executors["RU-ORE"].id, Role.CO_EXECUTOR),
            AssignmentInput(executors["KZ-27"].id, Role.CO_EXECUTOR),
        ],
    )
    add_progress_entry(
        session,
        first.id,
        ProgressInput(
            orenburg.start_date + dt.timedelta(days=200),
            Status.IN_PROGRESS,
            mvd_ru.id,
            {
                "ru": NoteInput(
                    "Проект протокола о внесении изменений в Соглашение направлен казахстанской стороне.",
                    "Не завершены внутригосударственные процедуры.",
                ),
                "kk": NoteInput(
                    "Келісімге өзгерістер енгізу туралы хаттаманың жобасы қазақстандық тарапқа жіберілді.",
                    "Мемлекетішілік рәсімдер аяқталмаған.",
                ),
            },
            "12-3/456",
            orenburg.start_date + dt.timedelta(days=190),
        ),
    )
    add_progress_entry(
        session,
        first.id,
        ProgressInput(
            ust_kamenogorsk.start_date - dt.timedelta(days=20),
            Status.IN_PROGRESS,
            executors["RU-ORE"].id,
            {
                "ru": NoteInput(
                    "", "Решение по-прежнему не выполнено: требуется согласование МВД обеих стран."
                ),
                "kk": NoteInput("", "Шешім әлі орындалған жоқ: екі елдің ІІМ келісімі қажет."),
            },
            "01-14/2210",
            ust_kamenogorsk.start_date - dt.timedelta(days=28),
        ),
    )
    again, _ = create_decision(
        session,
        DecisionInput(
            ust_kamenogorsk.id,
            "2.1",
            {
                "ru": "Завершить до конца года внутригосударственные процедуры по продлению срока пребывания "
                "граждан без регистрации до 30 суток (во исполнение решения 1.1 Форума VI).",
                "kk": "Жыл соңына дейін азаматтардың тіркеусіз болу мерзімін 30 тәулікке дейін ұзарту жөніндегі "
                "мемлекетішілік рәсімдерді аяқтау (VI Форумның 1.1 шешімін орындау үшін).",
            },
            "migration",
            ust_kamenogorsk.start_date + dt.timedelta(days=120),
        ),
        [AssignmentInput(mvd_ru.id, Role.LEAD), AssignmentInput(mvd_kz.id, Role.LEAD)],
    )
    link_decisions(session, again.id, first.id, LinkKind.EXTENDS)
    add_progress_entry(
        session,
        again.id,
        ProgressInput(
            astrakhan.start_date - dt.timedelta(days=40),
            Status.IMPLEMENTED,
            mvd_kz.id,
            {
                "ru": NoteInput("Протокол ратифицирован, норма о 30 сутках без регистрации вступила в силу."),
                "kk": NoteInput("Хаттама ратификацияланды, тіркеусіз 30 тәулік туралы норма күшіне енді."),
            },
            "3-1/77",
            astrakhan.start_date - dt.timedelta(days=45),
        ),
    )
    add_progress_entry(
        session,
        again.id,
        ProgressInput(
            astrakhan.start_date - dt.timedelta(days=30),
            Status.PARTIAL,
            mvd_ru.id,
            {
                "ru": NoteInput("Изменения внесены, ведётся подготовка подзаконных актов."),
                "kk": NoteInput("Өзгерістер енгізілді, заңға тәуелді актілер дайындалуда."),
            },
        ),
    )
    add_progress_entry(
        session,
        first.id,
        ProgressInput(
            astrakhan.start_date - dt.timedelta(days=10),
            Status.CANCELLED,
            None,
            {
                "ru": NoteInput("Заменено решением 2.1 Форума VII."),
                "kk": NoteInput("VII Форумның 2.1 шешімімен ауыстырылды."),
            },
        ),
    )
    confirm, _ = create_decision(
        session,
        DecisionInput(
            astrakhan.id,
            "1.1",
            {
                "ru": "Подтвердить необходимость завершения работы по пребыванию граждан до 30 суток без регистрации.",
                "kk": "Азаматтардың 30 тәулікке дейін тіркеусіз болуы жөніндегі жұмысты аяқтау қажеттігін растау.",
            },
            "migration",
            astrakhan.start_date + dt.timedelta(days=180),
        ),
        [
            AssignmentInput(mvd_ru.id, Role.LEAD),
            AssignmentInput(executors["RU-AST"].id, Role.CO_EXECUTOR),
        ],
    )
    link_decisions(session, confirm.id, again.id, LinkKind.CONFIRMS)
    secretariat, _ = create_decision(
        session,
        DecisionInput(
            ust_kamenogorsk.id,
            "1.1",
            {
                "ru": "Создать секретариат Форума межрегионального сотрудничества для контроля за исполнением решений Форумов.",
                "kk": "Форумдар шешімдерінің орындалуын бақылау үшін Өңіраралық ынтымақтастық форумының хатшылығын құру.",
                "en": "Set up a secretariat of the Forum to control the execution of the Forums' decisions.",
            },
            "other",
            ust_kamenogorsk.start_date + dt.timedelta(days=180),
        ),
        [
            AssignmentInput(executors["KZ-63"].id, Role.LEAD),
            AssignmentInput(executors["RU-ALT"].id, Role.CO_EXECUTOR),
        ],
    )
    for executor, text in (
        (
            executors["KZ-63"],
            (
                "Положение о секретариате утверждено, секретариат приступил к работе.",
                "Хатшылық туралы ереже бекітілді, хатшылық жұмысқа кірісті.",
            ),
        ),
        (
            executors["RU-ALT"],
            ("Назначен представитель в секретариат.", "Хатшылыққа өкіл тағайындалды."),
        ),
    ):
        add_progress_entry(
            session,
            secretariat.id,
            ProgressInput(
                ust_kamenogorsk.start_date + dt.timedelta(days=150),
                Status.IMPLEMENTED,
                executor.id,
                {"ru": NoteInput(text[0]), "kk": NoteInput(text[1])},
            ),
        )
    highway_input = DecisionInput(
        orenburg.id,
        "3.1",
        {
            "ru": "Обеспечить синхронное завершение строительства участков международного транзитного коридора "
            "«Западная Европа — Западный Китай» на границе Оренбургской и Актюбинской областей.",
            "kk": "Орынбор және Ақтөбе облыстарының шекарасында «Батыс Еуропа — Батыс Қытай» халықаралық транзиттік "
            "дәлізі учаскелерінің құрылысын қатар аяқтауды қамтамасыз ету.",
        },
        "transport",
        orenburg.start_date + dt.timedelta(days=3 * 365),
    )
    highway, _ = create_decision(
        session,
        highway_input,
        [
            AssignmentInput(executors["RU-ORE"].id, Role.LEAD),
            AssignmentInput(executors["KZ-15"].id, Role.LEAD),
            AssignmentInput(agencies[2].id, Role.CO_EXECUTOR),
            AssignmentInput(agencies[3].id, Role.CO_EXECUTOR),
        ],
    )
    for years, executor, status, note in (
        (
            1,
            executors["KZ-15"],
            Status.IN_PROGRESS,
            ("Казахстанский участок построен на 60 %.", "Қазақстандық учаске 60 %-ға салынды."),
        ),
        (
            2,
            executors["KZ-15"],
            Status.IMPLEMENTED,
            (
                "Казахстанский участок открыт для движения.",
                "Қазақстандық учаске қозғалысқа ашылды.",
            ),
        ),
        (
            2,
            executors["RU-ORE"],
            Status.PARTIAL,
            (
                "Российский участок: завершена первая очередь.",
                "Ресейлік учаске: бірінші кезек аяқталды.",
            ),
        ),
    ):
        day = orenburg.start_date + dt.timedelta(days=365 * years + 30)
        if day < today:
            add_progress_entry(
                session,
                highway.id,
                ProgressInput(day, status, executor.id, {"ru": NoteInput(note[0]), "kk": NoteInput(note[1])}),
            )
    # The Russian section fell behind: the Forum's working group moved the deadline by two years.
    assert isinstance(highway_input.deadline, dt.date)
    update_decision(
        session,
        highway.id,
        replace(
            highway_input,
            deadline=highway_input.deadline + dt.timedelta(days=2 * 365),
            deadline_reason="Перенос срока по просьбе Правительства Оренбургской области "
            "(письмо № 01-14/3310): задержка проектной документации российского участка.",
        ),
    )
    return [first, again, confirm, secretariat, highway]
