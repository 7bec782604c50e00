"""What the acting user's role allows: a value, decided once per transaction by `workflow.rechten.bepaal`.

While no user is registered, everyone may do everything (one-user mode). Once users exist:
`vaststellen` and `terugsturen` need a voorzitter, other changes a secretaris, reading any user.

On SQLite the acting user is ADVIES_GEBRUIKER or the login name. On PostgreSQL it is the database
login (`session_user`): there a variable cannot make the secretary act as the chair.
"""

from __future__ import annotations

from dataclasses import dataclass

from adviesfouten import GeenRecht
from workflow.domein.woorden import Rol, waarden

ROLLEN = tuple(waarden(Rol))
ADVIES_GEBRUIKER, INLOGNAAM, DATABASELOGIN = "ADVIES_GEBRUIKER", "inlognaam", "databaselogin"


@dataclass(frozen=True)
class Rechten:
    gebruiker: str
    rol: str | None
    eenpersoonsmodus: bool
    # Where the name came from (ADVIES_GEBRUIKER, INLOGNAAM, DATABASELOGIN or "" for a face that
    # logged the person in itself): an unregistered user must learn which name was seen, and how to change it.
    herkomst: str = ""

    @property
    def is_secretaris(self) -> bool:
        return self.eenpersoonsmodus or self.rol == Rol.SECRETARIS

    @property
    def is_voorzitter(self) -> bool:
        return self.eenpersoonsmodus or self.rol == Rol.VOORZITTER

    @property
    def is_geregistreerd(self) -> bool:
        return self.eenpersoonsmodus or self.rol is not None

    def uitleg_rol(self, nodig: str) -> str:
        if self.rol is None:
            return f"{self._niet_geregistreerd()}; dit vraagt de rol {nodig}{self._hoe_wel()}"
        return f"dit vraagt de rol {nodig}; '{self.gebruiker}' heeft de rol {self.rol}"

    def vereis_lezen(self) -> None:
        if not self.is_geregistreerd:
            raise GeenRecht(f"{self._niet_geregistreerd()}{self._hoe_wel()}")

    def vereis_secretaris(self) -> None:
        if not self.is_secretaris:
            raise GeenRecht(self.uitleg_rol(Rol.SECRETARIS))

    def _niet_geregistreerd(self) -> str:
        gezien = {
            ADVIES_GEBRUIKER: " (uit ADVIES_GEBRUIKER)",
            INLOGNAAM: " (de inlognaam; ADVIES_GEBRUIKER is niet gezet)",
            DATABASELOGIN: " (de databaselogin)",
        }.get(self.herkomst, "")
        return f"gebruiker '{self.gebruiker}'{gezien} is niet geregistreerd"

    def _hoe_wel(self) -> str:
        toevoegen = f"vraag de secretaris om 'advies gebruiker toevoegen {self.gebruiker}'"
        if self.herkomst in (ADVIES_GEBRUIKER, INLOGNAAM):
            return f"; zet ADVIES_GEBRUIKER op uw geregistreerde naam of {toevoegen}"
        return f"; {toevoegen}"
