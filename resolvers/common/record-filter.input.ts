import { Field, InputType } from "type-graphql";
import { IsOptional, MaxLength } from "class-validator";
import type { ListCriteria } from "../../src/common/record-store";

const COMMON_KEYS = new Set(["search", "modifiedAfter", "modifiedBefore"]);

/**
 * Base of every module's filter. Subclasses add exact-match fields named like the record's own fields
 * (status, accountId, …) and say which fields `search` looks in.
 */
@InputType()
export abstract class RecordFilter {
  @Field(() => String, { nullable: true, description: "Case-insensitive text search in the module's main fields." })
  @IsOptional()
  @MaxLength(200)
  search?: string;

  @Field(() => Date, { nullable: true }) @IsOptional() modifiedAfter?: Date;
  @Field(() => Date, { nullable: true }) @IsOptional() modifiedBefore?: Date;

  protected abstract searchFields(): string[];

  toCriteria(): ListCriteria {
    const equals = Object.fromEntries(Object.entries(this).filter(([key, value]) => !COMMON_KEYS.has(key) && value !== undefined && value !== null));
    return {
      equals,
      textSearch: this.search ? { fields: this.searchFields(), text: this.search } : undefined,
      modifiedAfter: this.modifiedAfter,
      modifiedBefore: this.modifiedBefore,
    };
  }
}
