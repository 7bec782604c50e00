"""Who is acting and what their role allows.

While no user is registered, everyone may do everything (one-user mode). Once users exist:
`vaststellen` and `terugsturen` need a voorzitter, other changes a secretaris, reading any user.
"""

from __future__ import annotations

from dataclasses import dataclass

from workflow.fouten import AdviesFout
from workflow.woorden import Rol, waarden

ROLLEN = tuple(waarden(Rol))


@dataclass(frozen=True)
class Rechten:
    gebruiker: str
    rol: str | None
    eenpersoonsmodus: bool

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
            return f"gebruiker '{self.gebruiker}' is niet geregistreerd; dit vraagt de rol {nodig}"
        return f"dit vraagt de rol {nodig}; '{self.gebruiker}' heeft de rol {self.rol}"

    def vereis_lezen(self) -> None:
        if not self.is_geregistreerd:
            raise AdviesFout(
                f"gebruiker '{self.gebruiker}' is niet geregistreerd; "
                "vraag de secretaris om 'advies gebruiker toevoegen'"
            )

    def vereis_secretaris(self) -> None:
        if not self.is_secretaris:
            raise AdviesFout(self.uitleg_rol(Rol.SECRETARIS))
