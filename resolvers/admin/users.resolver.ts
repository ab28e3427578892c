import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Permission, requireViewer } from "../../src/access/viewer";
import { User } from "../../src/access/user.entity";
import type { ApiToken } from "../../src/access/api-token.entity";
import { BadUserInputError } from "../../src/errors/app-error";

/** What an admin may know about a token. Never the token or its hash: only these fields are copied out. */
@ObjectType("ApiToken", { description: "A bearer token's metadata; the token itself was shown once, when issued." })
export class ApiTokenInfo {
  @Field(() => ID) id!: string;
  @Field(() => ID) userId!: string;
  @Field(() => String) label!: string;
  @Field(() => Date) createdTime!: Date;
  @Field(() => Date, { nullable: true, description: "Refused from this time on; null: never expires." }) expiresAt!: Date | null;
  @Field(() => Date, { nullable: true, description: "Last request made with it (refreshed at most once a minute)." }) lastUsedAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
}

@ObjectType({ description: "A new token: `token` is shown this once and cannot be read again." })
export class IssuedToken extends ApiTokenInfo {
  @Field(() => String, { description: "Send it as `Authorization: Bearer <token>`." }) token!: string;
}

function tokenInfo(record: ApiToken): ApiTokenInfo {
  const { id, userId, label, createdTime, expiresAt, lastUsedAt, revokedAt } = record;
  return Object.assign(new ApiTokenInfo(), { id, userId, label, createdTime, expiresAt, lastUsedAt, revokedAt });
}

/** Users, their profiles and their API tokens. Admin only. */
@Authorized(Permission.Admin)
@Resolver()
export class UsersResolver {
  @Query(() => [User], { description: "Every user, active or not, by e-mail." })
  users(@Ctx() { services }: Context) {
    return services.access.listUsers();
  }

  @Mutation(() => User, { description: "Adds a user with a CRM profile (Administrator, Standard or a custom one); a used e-mail is a CONFLICT." })
  createUser(
    @Arg("name", () => String) name: string,
    @Arg("email", () => String) email: string,
    @Arg("profile", () => String) profile: string,
    @Ctx() { services, viewer }: Context,
  ) {
    return services.access.createUser({ name, email, profile }, requireViewer(viewer).user.id);
  }

  @Mutation(() => User, { description: "Changes a user's profile and/or deactivates them (their tokens stop working) or reactivates them." })
  updateUser(
    @Arg("id", () => ID) id: string,
    @Arg("profile", () => String, { nullable: true }) profile: string | null,
    @Arg("active", () => Boolean, { nullable: true }) active: boolean | null,
    @Ctx() { services, viewer }: Context,
  ) {
    if (profile == null && active == null) throw new BadUserInputError("profile", "Give a profile, active, or both");
    return services.access.updateUser(id, { profile, active }, requireViewer(viewer).user.id);
  }

  @Query(() => [ApiTokenInfo], { description: "A user's tokens, newest first, revoked and expired ones included." })
  async tokens(@Arg("userId", () => ID) userId: string, @Ctx() { services }: Context) {
    return (await services.access.listTokens(userId)).map(tokenInfo);
  }

  @Mutation(() => IssuedToken, { description: "Issues a token for an active user; expiresAt in the future, or null for none." })
  async issueToken(
    @Arg("userId", () => ID) userId: string,
    @Arg("label", () => String) label: string,
    @Arg("expiresAt", () => Date, { nullable: true }) expiresAt: Date | null,
    @Ctx() { services, viewer }: Context,
  ) {
    const { token, record } = await services.access.issueTokenFor(userId, label, expiresAt ?? null, requireViewer(viewer).user.id);
    return Object.assign(new IssuedToken(), tokenInfo(record), { token });
  }

  @Mutation(() => ApiTokenInfo, { description: "Revokes a token at once; revoking it again changes nothing." })
  async revokeToken(@Arg("id", () => ID) id: string, @Ctx() { services, viewer }: Context) {
    return tokenInfo(await services.access.revokeToken(id, requireViewer(viewer).user.id));
  }
}
