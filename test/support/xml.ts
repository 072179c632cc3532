/** The strict XML parser the importer uses (scripts/import/xml.ts), for the tests that read feeds. */
export * from "../../scripts/import/xml.ts";
