import type { ReactElement } from "react";

/** What every template receives besides its own props; injected by renderEmail, never by callers. */
export type EmailContext = { appUrl: string };

/** A template is its subject line plus the react-email component that draws the body. */
export type EmailTemplate<Props> = {
  subject: (props: Props) => string;
  Component: (props: Props & EmailContext) => ReactElement;
};

export function defineEmailTemplate<Props>(template: EmailTemplate<Props>): EmailTemplate<Props> {
  return template;
}
