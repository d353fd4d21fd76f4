#!/usr/bin/env bash
# Regenerates docs/openapi.json from a Development gateway (OpenApiDocumentTests with PG_UPDATE_OPENAPI=1).
set -euo pipefail
PG_UPDATE_OPENAPI=1 exec "$(dirname "${BASH_SOURCE[0]}")/test.sh" --filter "FullyQualifiedName~OpenApiDocumentTests"
