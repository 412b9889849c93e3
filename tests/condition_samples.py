"""A small fact catalogue, one fact of each kind, for the condition and engine tests."""

from assessor.conditions import FactType

TYPES = {
    t.name: t
    for t in (
        FactType("asylum_pending", "bool"),
        FactType("days_since_arrest", "int"),
        FactType("treaty_basis", "enum", ("bilateral", "multilateral", "none")),
        FactType("un_reply_received", "bool"),
    )
}
