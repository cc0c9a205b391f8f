"""The API's response schemas, kept apart from the graph model: one module a resource.

Import them from here (``from api.models import Fact``); the modules are the layout.
"""

from __future__ import annotations

from api.models.analytics import CentralityAnswer, PathsAnswer
from api.models.ask import Alternative, AskAnswer, AskItem, Understood, UnderstoodParam
from api.models.common import (
    RESOLVED_DESCRIPTION,
    WARNINGS_DESCRIPTION,
    EntityRef,
    EvidenceItem,
    Page,
    Problem,
    ResolvedName,
)
from api.models.corpus import (
    CoverageReport,
    DocumentDetail,
    DocumentInfo,
    MentionRef,
    OddityRef,
    Omission,
    OmissionList,
    PassageDetail,
    PassageEntity,
    PassageFact,
    PassageHit,
    PassagePage,
    PassageSummary,
    PropAnchor,
)
from api.models.desk import DeskChecked, DeskDecisions, DeskEdited, DeskLoad, DeskReview, DeskSaved
from api.models.entities import (
    EntityDetail,
    EntityPage,
    EntitySummary,
    Match,
    SearchHit,
    SearchPage,
)
from api.models.facts import AsOf, Fact, FactPage
from api.models.health import Health, Neo4jHealth, SupervisorHealth
from api.models.loads import LoadChanges, LoadRun
from api.models.proposals import Disagreement, DocumentProposals, ProposalsAnswer, ProposedEntity
from api.models.queries import (
    CypherRequest,
    CypherResponse,
    CypherWarning,
    QuestionAnswer,
    QuestionInfo,
    QuestionParam,
)

__all__ = [
    "RESOLVED_DESCRIPTION",
    "WARNINGS_DESCRIPTION",
    "Alternative",
    "AsOf",
    "AskAnswer",
    "AskItem",
    "CentralityAnswer",
    "CoverageReport",
    "CypherRequest",
    "CypherResponse",
    "CypherWarning",
    "DeskChecked",
    "DeskDecisions",
    "DeskEdited",
    "DeskLoad",
    "DeskReview",
    "DeskSaved",
    "Disagreement",
    "DocumentDetail",
    "DocumentInfo",
    "DocumentProposals",
    "EntityDetail",
    "EntityPage",
    "EntityRef",
    "EntitySummary",
    "EvidenceItem",
    "Fact",
    "FactPage",
    "Health",
    "LoadChanges",
    "LoadRun",
    "Match",
    "MentionRef",
    "Neo4jHealth",
    "OddityRef",
    "Omission",
    "OmissionList",
    "Page",
    "PassageDetail",
    "PassageEntity",
    "PassageFact",
    "PassageHit",
    "PassagePage",
    "PassageSummary",
    "PathsAnswer",
    "Problem",
    "PropAnchor",
    "ProposalsAnswer",
    "ProposedEntity",
    "QuestionAnswer",
    "QuestionInfo",
    "QuestionParam",
    "ResolvedName",
    "SearchHit",
    "SearchPage",
    "SupervisorHealth",
    "Understood",
    "UnderstoodParam",
]
