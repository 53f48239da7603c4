// Types of the generated validator (see schema-codegen.ts).
import type { ErrorObject } from 'ajv';
export interface GeneratedValidate {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
export declare const validate: GeneratedValidate;
export default validate;
