/** The strict XML parser the importer uses (scripts/lib/xml.ts), for the tests that read feeds. */
export * from "../../scripts/lib/xml.ts";
