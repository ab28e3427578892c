import { ArgsType, Field, Int, registerEnumType } from "type-graphql";
import { IsOptional, Max, MaxLength, Min } from "class-validator";
import type { PageRequest } from "../../src/common/record-store";

export enum SortOrder {
  DESC = "DESC",
  ASC = "ASC",
}
registerEnumType(SortOrder, { name: "SortOrder", description: "Order by modified time (then id)." });

export const MAX_PAGE_SIZE = 200;

@ArgsType()
export class ListArgs {
  @Field(() => Int, { defaultValue: 20, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, { nullable: true, description: "The endCursor of the previous page." })
  @IsOptional()
  @MaxLength(200)
  after?: string | null;

  @Field(() => SortOrder, { defaultValue: SortOrder.DESC })
  sort!: SortOrder;

  toPageRequest(): PageRequest {
    return { first: this.first, after: this.after, direction: this.sort };
  }
}
