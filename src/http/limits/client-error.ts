import type http from "node:http";
import type { Duplex } from "node:stream";
import { HeadersTooLargeError } from "../../errors/http-errors";
import { BadRequestError } from "../../errors/limit-errors";
import { httpStatusOf } from "../../errors/to-graphql-error";
import { appErrorBody } from "./send-app-error";

/**
 * Requests Node's HTTP parser refuses before express sees them (a URL or headers over 16 KiB, bytes that are not
 * HTTP) get the same JSON error shape as every other refusal, instead of Node's bare status line.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) return void socket.destroy();
  const refusal = error.code === "HPE_HEADER_OVERFLOW" ? new HeadersTooLargeError() : new BadRequestError("The request is not well-formed HTTP");
  const body = JSON.stringify(appErrorBody(refusal));
  const status = httpStatusOf(refusal.code) ?? 400;
  socket.end(
    `HTTP/1.1 ${status} ${status === 431 ? "Request Header Fields Too Large" : "Bad Request"}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function answerClientErrorsAsJson(server: http.Server): void {
  server.on("clientError", answerClientError);
}
