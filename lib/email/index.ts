export { EmailError, type EmailErrorCode } from "./errors";
export { latestOutboxMessage, listOutbox, writeOutboxMessage, type OutboxChannel, type OutboxEntry } from "./outbox";
export { renderEmail, type RenderedEmail } from "./render-email";
export { sendEmail, type SendEmailResult } from "./send-email";
export type { EmailMessage, EmailMessageFor, EmailTemplateName, EmailTemplateProps } from "./templates";
