"""Instances: upload YAML or JSON, validate, read back (supervisors upload; the team reads)."""

from __future__ import annotations

from fastapi import APIRouter, Request, status

from api.conventions import IDEMPOTENT, IDEMPOTENT_RESPONSES, ConventionRoute
from api.deps import CurrentUser, RecordId, StoreDep, Supervisor, check_team_access
from api.problems import problem_responses
from api.schemas.rosters import InstanceDetail, InstancePublic, ValidationReport
from scheduler.instance import Instance, parse_instance_text

router = APIRouter(
    tags=["instances"], responses=problem_responses(401, 403), route_class=ConventionRoute
)

# The body is the instance file itself, YAML or JSON (docs/instance-format.md).
INSTANCE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/yaml": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "object"}},
        },
    }
}


async def _instance(request: Request) -> tuple[Instance, str]:
    """The body as an instance: YAML and JSON both parse as YAML."""
    source = (await request.body()).decode("utf-8", errors="replace")
    return parse_instance_text(source, "request body"), source


@router.post(
    "/instances/validate",
    operation_id="validateInstance",
    responses=problem_responses(422),
    openapi_extra=INSTANCE_BODY,
)
async def validate_instance(request: Request, _: CurrentUser) -> ValidationReport:
    instance, _source = await _instance(request)
    return ValidationReport(
        valid=True, name=instance.name, agents=len(instance.team.agents),
        shift_types=len(instance.shift_types), days=instance.horizon.days,
        cyclic=instance.horizon.cyclic,
    )  # fmt: skip


@router.post(
    "/teams/{slug}/instances",
    operation_id="uploadInstance",
    status_code=status.HTTP_201_CREATED,
    responses={**problem_responses(404, 422), **IDEMPOTENT_RESPONSES},
    openapi_extra=INSTANCE_BODY,
    dependencies=[IDEMPOTENT],
)
async def upload_instance(
    slug: str, request: Request, store: StoreDep, user: Supervisor
) -> InstancePublic:
    check_team_access(user, slug)
    instance, source = await _instance(request)
    return InstancePublic.of(store.save_instance(slug, instance, source))


@router.get(
    "/instances/{instance_id}", operation_id="getInstance", responses=problem_responses(404)
)
def get_instance(instance_id: RecordId, store: StoreDep, user: CurrentUser) -> InstanceDetail:
    record = store.instance_record(instance_id)
    check_team_access(user, record.team)
    data = store.load_instance_record(instance_id).model_dump(mode="json")
    return InstanceDetail(**InstancePublic.of(record).model_dump(), data=data)
