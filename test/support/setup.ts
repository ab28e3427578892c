import "reflect-metadata";
import fc from "fast-check";

// PROPERTY_SEED fixes the property tests' histories (CI sets it, so a merge is judged on known histories);
// without it every run explores new ones. A reported failure names its own seed either way.
if (process.env.PROPERTY_SEED) fc.configureGlobal({ seed: Number(process.env.PROPERTY_SEED) });
