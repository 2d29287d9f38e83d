#!/usr/bin/env sh
# Creates the Secrets the deployment references but never contains, with random values, in the
# namespace gaiax-oid4vc. Existing Secrets are left as they are, so running it again (Skaffold
# and Tilt run it before every deploy) rotates nothing.
#
#   redis-auth                 key redis-password   Redis password (Redis, statestore, pubsub)
#   <app>-dapr-api-token       key token            app -> sidecar token   (dapr.io/api-token-secret)
#   <app>-dapr-app-token       key token            sidecar -> app token   (dapr.io/app-token-secret)
#   management-jwk             key jwk              dev overlay: the public key of the management tokens
#                                                   `dotnet run --project services/DevHost -- token` mints
#                                                   (only when dotnet is installed; run from the repository root)
#
# The signing identities (<app>-identity, type kubernetes.io/tls; every service but the Registry, which
# signs nothing) are not created here: in production they hold the operator's keys and certificate chains
# (docs/operations.md); in the dev overlay cert-manager issues them from one development CA
# (k8s/overlays/dev/cert-manager.yaml).
set -eu

NAMESPACE="${NAMESPACE:-gaiax-oid4vc}"
APPS="issuer verifier notary compliance registry"

random_value() {
  # 32 random bytes, URL-safe base64 without padding.
  head -c 32 /dev/urandom | base64 | tr -d '\n=' | tr '+/' '-_'
}

ensure_secret() {
  # name, key, and the command that writes the value (default: a random value).
  name="$1"; key="$2"; generate="${3:-random_value}"
  if kubectl get secret "$name" -n "$NAMESPACE" >/dev/null 2>&1; then
    echo "secret/$name exists, kept"
    return
  fi
  # The value goes through a temporary file, never through the command line.
  file="$(mktemp)"
  eval "$generate" >"$file"
  kubectl create secret generic "$name" -n "$NAMESPACE" --from-file="$key=$file" >/dev/null
  rm -f "$file"
  echo "secret/$name created"
}

kubectl get namespace "$NAMESPACE" >/dev/null 2>&1 || kubectl create namespace "$NAMESPACE"

ensure_secret redis-auth redis-password
for app in $APPS; do
  ensure_secret "$app-dapr-api-token" token
  ensure_secret "$app-dapr-app-token" token
done

# Dev overlay: the Issuer, the Verifier and the Registry accept the management tokens DevHost mints with the key in
# .devhost-data/management; the Secret holds only its public JWK.
if command -v dotnet >/dev/null 2>&1; then
  ensure_secret management-jwk jwk "dotnet run --project services/DevHost -- token --jwk"
  echo "mint management tokens with: dotnet run --project services/DevHost -- token"
else
  echo "secret/management-jwk not created (no dotnet): the dev overlay's management APIs refuse every call" >&2
fi
