"""RDF: vocabulary terms, IRI minting and the mapping of records to triples."""
