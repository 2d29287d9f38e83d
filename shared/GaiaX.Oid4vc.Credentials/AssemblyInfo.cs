// JOSE, VC-JWT / VP-JWT, SD-JWT VC, did:web and X.509 trust chains live here (see the credential core issue).
[assembly: System.CLSCompliant(false)]
