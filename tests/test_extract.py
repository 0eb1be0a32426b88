"""Answer analysis: the seed page's accounts, and made-up answers in the same style with the
tricky cases (all texts below marked MADE UP are invented for these tests, not Senate pages)."""

from __future__ import annotations

import pytest

from parlgraph.extract.accounts import Account, accounts_mentioned, find_accounts, iri_safe
from parlgraph.extract.mentions import MentionFinder
from parlgraph.extract.services import services_answering, split_by_service
from parlgraph.organisations import load_organisations
from parlgraph.parse import parse_page
from parlgraph.settings import ROOT
from tests.conftest import CORPUS

ORGANISATIONS = load_organisations(ROOT / "graph" / "reference" / "organisations.yaml")
FINDER = MentionFinder((form, o.id) for o in ORGANISATIONS for form in o.forms)
SEED = parse_page(CORPUS / "web_5-8906_fr.txt").question


def seed_accounts() -> list[Account]:
    assert SEED.answer_text.fr
    parts = split_by_service(SEED.answer_text.fr, FINDER)
    return [a for part in parts for a in find_accounts(part.text, part.service)]


def summary(account: Account) -> tuple[str, str | None, str | None, tuple[str, ...], str | None]:
    shown = account.handle or account.name or account.url
    return account.platform, shown, account.owner, account.languages, account.role


HEALTH, SOCIAL = "fps-health", "fps-social-security"
FB = "https://www.facebook.com/pages/"


def test_the_seed_answer_names_twelve_accounts() -> None:
    assert [summary(a) for a in seed_accounts()] == [
        ("facebook-page", FB + "SPF-Sant%C3%A9-publique-S%C3%A9curit%C3%A9-de-la-Cha%C3%AEne"
         "-alimentaire-et-Environnement/181157735273342", HEALTH, ("fr",), None),
        ("facebook-page", FB + "FOD-Volksgezondheid-Veiligheid-van-de-Voedselketen-en-Leefmilieu"
         "/219297298102310", HEALTH, ("nl",), None),
        ("facebook-group", "https://www.facebook.com/groups/healthbelgium/", HEALTH, (), None),
        ("twitter", "janeyckmans", HEALTH, ("nl", "fr"), "spokesperson"),
        ("twitter", "SanteBelgique", HEALTH, ("fr",), "official"),
        ("twitter", "be_gezondheid", HEALTH, ("nl",), "official"),
        ("linkedin", "http://www.linkedin.com/company/federal-public-service-health-food-chain"
         "-safety-and-environment", HEALTH, (), None),
        ("facebook-group", "pour une administration sexy", SOCIAL, (), None),
        ("twitter", "FODSZ", SOCIAL, (), None),
        ("twitter", "SPFSecu", SOCIAL, (), None),
        ("yammer-group", "HandiSocial", SOCIAL, (), None),
        ("yammer-group", "Communit-e", SOCIAL, (), None),
    ]  # fmt: skip


def test_the_seed_answer_states_audiences() -> None:
    audiences = {a.handle or a.name: set(a.audiences) for a in seed_accounts()}
    assert {"journalists", "crisis-communication"} <= audiences["SanteBelgique"]
    assert "b2b" in audiences["FODSZ"]
    assert {"b2b", "social-sector-professionals"} <= audiences["HandiSocial"]
    assert "organisational-culture" in audiences["pour une administration sexy"]


def test_the_seed_answer_is_given_by_two_services() -> None:
    assert SEED.answer_text.fr
    parts = split_by_service(SEED.answer_text.fr, FINDER)
    assert services_answering(parts) == [HEALTH, SOCIAL]
    assert parts[1].paragraphs[0].startswith("1) Le SPF Sécurité sociale a recours")


def test_accounts_the_question_mentions() -> None:
    assert SEED.question_text.fr
    found = [(a.handle, a.owner) for a in accounts_mentioned(SEED.question_text.fr, FINDER)]
    assert found == [("SPF_Finances", "fps-finance"), ("belgiumbe", None)]
    dutch = parse_page(CORPUS / "web_5-8900_nl.txt").question.question_text.nl
    assert dutch
    assert [(a.handle, a.owner) for a in accounts_mentioned(dutch, FINDER)] == [
        ("FOD_Financien", "fps-finance"),
        ("belgiumbe", None),
    ]


# MADE UP: an answer in the seed's style, in French, with a URL split by a space, handles in
# parentheses and separated by a slash, an e-mail address, and an account named in passing.
MADE_UP_FR = """1) Le SPF Finances dispose des canaux suivants :

Facebook

https://www.facebook.com/ pages/SPF-Finances/123456789 (FR)

Twitter

Comptes officiels (@SPF_Finances / @FOD_Financien) (FR/NL)

Les citoyens peuvent aussi écrire à contact@minfin.fed.be, qui n'est pas un compte.

2. SPF Mobilité et Transports

Le service suit @belgiumbe mais ne dispose pas de compte propre. \
Sa chaîne YouTube https://www.youtube.com/user/mobilitbelgium \
sert aux campagnes destinées à la population."""

# MADE UP: the same in Dutch, with a Yammer group in guillemets and a LinkedIn page.
MADE_UP_NL = """FOD Sociale Zekerheid

Yammergroep « Handicap Netwerk » : bedoeld voor professionals uit de sociale sector.

LinkedIn: https://www.linkedin.com/company/fod-sociale-zekerheid (NL + FR)

Woordvoerder: @woordvoerder_sz (NL)"""


def test_made_up_french_answer() -> None:
    parts = split_by_service(MADE_UP_FR, FINDER)
    assert services_answering(parts) == ["fps-finance", "fps-mobility"]
    found = {
        (a.platform, a.handle or a.url): a for p in parts for a in find_accounts(p.text, p.service)
    }
    page = found[("facebook-page", "https://www.facebook.com/pages/SPF-Finances/123456789")]
    assert page.languages == ("fr",) and page.owner == "fps-finance"
    for handle in ("SPF_Finances", "FOD_Financien"):
        account = found[("twitter", handle)]
        assert account.role == "official" and account.languages == ("fr", "nl")
    assert not any("minfin" in str(key) for key in found), "an e-mail address is not an account"
    youtube = found[("youtube", "https://www.youtube.com/user/mobilitbelgium")]
    assert youtube.owner == "fps-mobility" and "citizens" in youtube.audiences
    # Named in passing ("le service suit @belgiumbe"): not the service's own account.
    assert found[("twitter", "belgiumbe")].owner is None


def test_made_up_dutch_answer() -> None:
    parts = split_by_service(MADE_UP_NL, FINDER)
    assert services_answering(parts) == ["fps-social-security"]
    accounts = [a for p in parts for a in find_accounts(p.text, p.service)]
    assert [summary(a) for a in accounts] == [
        ("yammer-group", "Handicap Netwerk", "fps-social-security", (), None),
        ("linkedin", "https://www.linkedin.com/company/fod-sociale-zekerheid",
         "fps-social-security", ("nl", "fr"), None),
        ("twitter", "woordvoerder_sz", "fps-social-security", ("nl",), "spokesperson"),
    ]  # fmt: skip
    group = accounts[0]
    assert "social-sector-professionals" in group.audiences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("écrivez à info@health.fgov.be", []),
        ("suivez-nous (@abc_def)", ["abc_def"]),
        ("@een / @twee", ["een", "twee"]),
        ("l'adresse x@y.be ou @vrai", ["vrai"]),
    ],
)
def test_handles(text: str, expected: list[str]) -> None:
    assert [a.handle for a in find_accounts(text, None)] == expected


def test_iri_safe_percent_encodes() -> None:
    assert iri_safe("https://x.be/a b/é") == "https://x.be/a%20b/%C3%A9"
    assert iri_safe("https://x.be/%C3%A9?q=1") == "https://x.be/%C3%A9?q=1"


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("SPF Securité Sociale", "fps-social-security"),
        ("le FOD Financiën", "fps-finance"),
        ("Federal Public Service Justice", None),
        ("FPS Justice", "fps-justice"),
        ("Ministerium der Landesverteidigung", "defence"),
        ("la ministre des Affaires étrangères", None),
    ],
)
def test_mentions(text: str, organisation: str | None) -> None:
    found = FINDER.find(text)
    assert (found[0].organisation if found else None) == organisation


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # MADE UP: accounts named in passing in an answer of the FPS Social Security.
        ("De dienst volgt ook @belgiumbe voor de persberichten.", None),
        ("Nous partageons souvent les messages du SPF Finances (@SPF_Finances).", "fps-finance"),
        ("Le SPF relaie les tweets de @FOD_Financien.", "fps-finance"),
        ("Porte-parole : @woordvoerder (FR)", "fps-social-security"),
    ],
)
def test_accounts_named_in_passing(text: str, owner: str | None) -> None:
    (account,) = find_accounts(text, "fps-social-security", FINDER)
    assert account.owner == owner
