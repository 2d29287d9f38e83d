// Integration events, state helpers and the embedded sidecar live here (see the Dapr backbone issue).
[assembly: System.CLSCompliant(false)]
