import type { AuthCheckerFn } from "type-graphql";
import { ForbiddenError, UnauthenticatedError } from "../errors/app-error";
import type { Context } from "../http/context";
import type { Permission } from "./viewer";

/** The one place that decides who may call what; resolvers only declare @Authorized(...permissions). */
export const authChecker: AuthCheckerFn<Context, Permission> = ({ context }, permissions) => {
  const viewer = context.viewer;
  if (!viewer) throw new UnauthenticatedError();
  const missing = permissions.find((permission) => !viewer.has(permission));
  if (missing) throw new ForbiddenError(`This operation needs the ${missing} permission, which your profile "${viewer.user.profile}" does not have`);
  return true;
};
