import type http from "node:http";
import type { Duplex } from "node:stream";
import { HeadersTooLargeError } from "../../errors/http-errors";
import { BadRequestError } from "../../errors/limit-errors";
import { httpStatusOf } from "../../errors/to-graphql-error";
import { appErrorBody } from "./send-app-error";

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 408: "Request Timeout", 431: "Request Header Fields Too Large" };

/**
 * Requests Node's HTTP parser refuses before express sees them (a URL or headers over 16 KiB, bytes that are not
 * HTTP) get the same JSON error shape as every other refusal, instead of Node's bare status line.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // As Node's own handler: nothing is written into a response already on its way (a pipelined request).
  const responding = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (error.code === "ECONNRESET" || !socket.writable || responding) return void socket.destroy();
  const timedOut = error.code === "ERR_HTTP_REQUEST_TIMEOUT";
  const refusal =
    error.code === "HPE_HEADER_OVERFLOW"
      ? new HeadersTooLargeError()
      : new BadRequestError(timedOut ? "The request did not arrive in time" : "The request is not well-formed HTTP");
  const body = JSON.stringify(appErrorBody(refusal));
  const status = timedOut ? 408 : (httpStatusOf(refusal.code) ?? 400);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Bad Request"}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function answerClientErrorsAsJson(server: http.Server): void {
  server.on("clientError", answerClientError);
}
