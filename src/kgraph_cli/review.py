"""``kgraph review DOC``: accept, reject, edit or merge the proposals of one document.

With flags it runs without asking (``--accept KEY``, ``--reject KEY --reason ...``,
``--edit KEY field=value``, ``--merge NEW_ID=EXISTING_ID``, ``--accept-all``); without any, it
asks about each item in turn.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from kgraph_cli.common import fail, load_settings, reports_errors

if TYPE_CHECKING:
    from loaders.proposals.files import ProposedEntity
    from loaders.proposals.review import Decisions, Item
    from loaders.sources.registry import Registry

_CHOICES = "[a]ccept, [r]eject, [e]dit, [s]kip, [q]uit"
_ENTITY_CHOICES = "[a]ccept, [r]eject, [e]dit, [m]erge into an existing entity, [s]kip, [q]uit"


def describe(item: Item) -> str:
    """One proposal in a few lines: what, how sure, which rule, and its anchors."""
    from loaders.proposals.files import ProposedEntity

    if isinstance(item, ProposedEntity):
        head = f"entity {item.id}: {item.type} '{item.name}'"
        extra = f" aliases {item.aliases}" if item.aliases else ""
    else:
        head = f"fact {item.key}"
        dates = (
            f" {item.valid_from or '…'} – {item.valid_to or '…'}"
            if item.valid_from or item.valid_to
            else ""
        )
        extra = (f" props {item.props}" if item.props else "") + dates
    lines = [f"{head}{extra}", f"  confidence {item.confidence:.2f}, rule {item.rule}"]
    lines += [f"  evidence {e.doc}: “{e.anchor}”" for e in item.evidence]
    return "\n".join(lines)


def _ask(items: list[Item], registry: Callable[[], Registry]) -> Decisions:
    """One question per pending item; an edit shows the item again and asks again. A new
    entity may be merged into a registry entity: the name index suggests which."""
    from loaders.proposals.files import ProposedEntity
    from loaders.proposals.review import Decisions, edit_item, item_key

    decisions = Decisions()
    for original in items:
        item, key = original, item_key(original)
        entity = isinstance(item, ProposedEntity)
        choices = _ENTITY_CHOICES if entity else _CHOICES
        while True:
            typer.echo(describe(item))
            choice = typer.prompt(choices, default="s").strip().lower()[:1]
            if choice == "a":
                decisions.accept.append(key)
            elif choice == "r":
                decisions.reject[key] = typer.prompt("reason")
            elif choice == "e":
                assignment = typer.prompt("field=value (props.x=value for a property)")
                item = edit_item(item, assignment)
                decisions.edits.setdefault(key, []).append(assignment)
                continue
            elif choice == "m" and isinstance(item, ProposedEntity):
                decisions.merge[key] = _ask_merge_target(item, registry())
            elif choice == "q":
                return decisions
            elif choice != "s":
                typer.echo(f"  answer one of {choices}")
                continue
            break
    return decisions


def _ask_merge_target(entity: ProposedEntity, registry: Registry) -> str:
    """The registry id a new entity is the same as: a candidate's number, or any id."""
    from loaders.proposals.candidates import merge_candidates

    candidates = merge_candidates(entity, registry)
    for number, candidate in enumerate(candidates, 1):
        typer.echo(f"  {number}. {candidate.id} ({candidate.type} '{candidate.name}')")
    if not candidates:
        typer.echo(f"  no registry {entity.type} goes by a name like these; give its id")
    answer = str(
        typer.prompt(
            "the same as (a number above, or a registry id)", default="1" if candidates else None
        )
    ).strip()
    if answer.isdigit() and 1 <= int(answer) <= len(candidates):
        return candidates[int(answer) - 1].id
    return answer


def _flags(
    accept: list[str], reject: list[str], reason: list[str], edit: list[str], merge: list[str],
    accept_all: bool,
) -> Decisions:  # fmt: skip
    from loaders.proposals.review import Decisions

    if reject and not reason:
        raise fail("--reject needs --reason (one for all, or one per --reject)")
    if reason and len(reason) not in (1, len(reject)):
        raise fail(f"{len(reject)} --reject but {len(reason)} --reason; give one, or one each")
    reasons = reason * len(reject) if len(reason) == 1 else reason
    decisions = Decisions(accept=list(accept), reject=dict(zip(reject, reasons, strict=True)),
                          accept_all=accept_all)  # fmt: skip
    for given in edit:
        key, _, assignment = given.strip().partition(" ")
        if "=" not in assignment:
            raise fail(f"--edit '{given}': give 'KEY field=value' in one quoted argument")
        decisions.edits.setdefault(key, []).append(assignment.strip())
    for given in merge:
        new, _, existing = (part.strip() for part in given.partition("="))
        if not new or not existing:
            raise fail(f"--merge '{given}': give 'NEW_ID=EXISTING_ID' (the proposed entity, then "
                       "the registry entity it is the same as)")  # fmt: skip
        if new in decisions.merge:
            raise fail(f"--merge '{given}': {new} is merged twice; merge it once")
        decisions.merge[new] = existing
    return decisions


@reports_errors
def review_command(
    doc: Annotated[str, typer.Argument(help="The document id whose proposals to review")],
    accept: Annotated[list[str] | None, typer.Option(help="Accept this key (repeatable)")] = None,
    reject: Annotated[list[str] | None, typer.Option(help="Reject this key (repeatable)")] = None,
    reason: Annotated[list[str] | None, typer.Option(help="Why (one, or one per --reject)")] = None,
    edit: Annotated[
        list[str] | None,
        typer.Option(help="'KEY field=value' (quoted): change a proposal first (repeatable)"),
    ] = None,
    merge: Annotated[
        list[str] | None,
        typer.Option(
            help="'NEW_ID=EXISTING_ID': the proposed entity is the registry's entity; its names "
            "join that entity and its facts name it (repeatable)"
        ),
    ] = None,
    accept_all: Annotated[bool, typer.Option(help="Accept everything not rejected")] = False,
    list_only: Annotated[
        bool, typer.Option("--list", help="Show what waits; change nothing")
    ] = False,
) -> None:
    """Accept proposals into the registry (curated from then on), reject them with a reason
    (never proposed again), edit them, or merge a new entity into one the registry has.
    Without flags, asks about each item."""
    from loaders.proposals.review import open_proposals, pending, review
    from loaders.sources.registry import load_registry

    settings = load_settings()
    _, proposals = open_proposals(settings.proposals_dir, doc)
    waiting = pending(proposals)
    if list_only or not waiting:
        for item in waiting:
            typer.echo(describe(item))
        typer.echo(f"{len(waiting)} proposals wait for review in {doc}")
        return
    given = accept or reject or edit or merge or accept_all
    decisions = (
        _flags(accept or [], reject or [], reason or [], edit or [], merge or [], accept_all)
        if given else _ask(waiting, lambda: load_registry(settings.registry_dir))
    )  # fmt: skip
    outcome = review(settings.proposals_dir, settings.registry_dir, settings.corpus_dir, doc,
                     decisions)  # fmt: skip
    typer.echo(
        f"accepted {len(outcome.accepted)}, rejected {len(outcome.rejected)}, "
        f"edited {len(outcome.edited)}, merged {len(outcome.merged)}; "
        f"{len(outcome.pending)} still wait"
        + (f"; registry files written: {', '.join(outcome.files)}" if outcome.files else "")
    )
    for key in outcome.accepted:
        typer.echo(f"  curated  {key}")
    for key in outcome.rejected:
        typer.echo(f"  rejected {key}")
    for merged in outcome.merged:
        new, _, existing = merged.partition("=")
        typer.echo(f"  merged   {new} into {existing}")
