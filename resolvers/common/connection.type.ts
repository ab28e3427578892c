import { Field, Int, ObjectType, type ClassType } from "type-graphql";
import type { RecordPage } from "../../src/common/record-store";

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: "Pass as `after` to get the next page." }) endCursor!: string | null;
}

export interface ConnectionShape<T> {
  nodes: T[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/** A cursor-paginated list type for one record type: `<Type>Connection { nodes pageInfo totalCount }`. */
export function Connection<T extends object>(nodeType: ClassType<T>) {
  @ObjectType(`${nodeType.name}Connection`)
  class RecordConnection implements ConnectionShape<T> {
    @Field(() => [nodeType]) nodes!: T[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    countTotal!: () => Promise<number>;

    @Field(() => Int, { description: "All records matching the filter; costs one count query." })
    totalCount(): Promise<number> {
      return this.countTotal();
    }
  }
  return RecordConnection;
}

export function toConnection<T extends object>(connectionType: ClassType<ConnectionShape<T>>, page: RecordPage<T>) {
  return Object.assign(new connectionType(), {
    nodes: page.records,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    countTotal: () => page.countTotal(),
  });
}
