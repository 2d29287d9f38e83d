// Turtle / N-Quads, JSON-LD to RDF and SHACL Core live here (see the RDF and SHACL issue).
[assembly: System.CLSCompliant(false)]
