"""Dependencies the routes declare: the graph and the settings, opened once per app."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from kgraph.db import Graph
from kgraph.settings import Settings


def get_graph(request: Request) -> Graph:
    graph: Graph = request.app.state.graph
    return graph


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


GraphDep = Annotated[Graph, Depends(get_graph)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
