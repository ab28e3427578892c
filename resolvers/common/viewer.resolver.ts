import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../src/http/context";
import { User } from "../../src/access/user.entity";

@Authorized()
@Resolver()
export class ViewerResolver {
  @Query(() => User, { description: "The user the bearer token belongs to." })
  me(@Ctx() { viewer }: Context): User {
    return viewer!.user;
  }
}
