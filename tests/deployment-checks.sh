#!/usr/bin/env bash
# Static checks of the deployment files that are not C# tests (test.sh counts this script as one
# test): yamllint over the Kubernetes and Dapr YAML with the repository's .yamllint, and a syntax
# check of k8s/create-secrets.sh. The manifest invariants and `kubectl kustomize` rendering are
# checked by tests/Deployment.Tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v yamllint >/dev/null 2>&1; then
  echo "deployment-checks: yamllint is not installed (apt-get install yamllint)" >&2
  exit 1
fi

status=0
if ! yamllint --strict --config-file .yamllint k8s dapr-components dapr.yaml skaffold.yaml .yamllint; then
  echo "deployment-checks: yamllint found problems (see above)" >&2
  status=1
fi
if ! sh -n k8s/create-secrets.sh; then
  echo "deployment-checks: k8s/create-secrets.sh is not valid sh" >&2
  status=1
fi
if ((status == 0)); then echo "deployment-checks: yamllint and script syntax OK"; fi
exit "$status"
