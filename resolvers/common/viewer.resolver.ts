import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../src/http/context";
import { User } from "../../src/access/user.entity";
import { requireViewer } from "../../src/access/viewer";

@Authorized()
@Resolver()
export class ViewerResolver {
  @Query(() => User, { description: "The user the bearer token belongs to." })
  me(@Ctx() { viewer }: Context): User {
    return requireViewer(viewer).user;
  }
}
