import { confirmEmailChange, type ConfirmEmailChangeProps } from "./confirm-email-change";
import { emailChangeRequested, type EmailChangeRequestedProps } from "./email-change-requested";
import { authenticatorReenrolled, type AuthenticatorReenrolledProps } from "./authenticator-reenrolled";
import { emailLoginDisabled, type EmailLoginDisabledProps } from "./email-login-disabled";
import { recoveryCodesRegenerated, type RecoveryCodesRegeneratedProps } from "./recovery-codes-regenerated";
import { emailChanged, type EmailChangedProps } from "./email-changed";
import { loginCode, type LoginCodeProps } from "./login-code";
import { passwordChanged, type PasswordChangedProps } from "./password-changed";
import { signUpAttempted, type SignUpAttemptedProps } from "./sign-up-attempted";
import { recoveryCodeUsed, type RecoveryCodeUsedProps } from "./recovery-code-used";
import { twoFactorDisabled, type TwoFactorDisabledProps } from "./two-factor-disabled";
import { twoFactorEnabled, type TwoFactorEnabledProps } from "./two-factor-enabled";
import { twoFactorLocked, type TwoFactorLockedProps } from "./two-factor-locked";
import { verifyEmail, type VerifyEmailProps } from "./verify-email";
import { signInBlocked, type SignInBlockedProps } from "./sign-in-blocked";
import { passwordResetRequired, type PasswordResetRequiredProps } from "./password-reset-required";
import { twoFactorSuspended, type TwoFactorSuspendedProps } from "./two-factor-suspended";
import { twoFactorFailed, type TwoFactorFailedProps } from "./two-factor-failed";
import { newSignIn, type NewSignInProps } from "./new-sign-in";
import { passwordReset, type PasswordResetProps } from "./password-reset";
import { recoveryReminder, type RecoveryReminderProps } from "./recovery-reminder";
import { factorAdded, type FactorAddedProps } from "./factor-added";
import { factorRemoved, type FactorRemovedProps } from "./factor-removed";
import { computerTrusted, type ComputerTrustedProps } from "./computer-trusted";
import { projectReminder, type ProjectReminderProps } from "./project-reminder";
import { projectInvitation, type ProjectInvitationProps } from "./project-invitation";
import { projectMembershipChanged, type ProjectMembershipChangedProps } from "./project-membership-changed";
import { projectPolicyRequired, type ProjectPolicyRequiredProps } from "./project-policy-required";
import { projectGraceLastDay, type ProjectGraceLastDayProps } from "./project-grace-last-day";
import { twoFactorResetBySupport, type TwoFactorResetBySupportProps } from "./two-factor-reset-by-support";
import { passwordChangeRequired, type PasswordChangeRequiredProps } from "./password-change-required";
import { recoveryRequestFiled, type RecoveryRequestFiledProps } from "./recovery-request-filed";
import { supportCaseDecided, type SupportCaseDecidedProps } from "./support-case-decided";
import type { Locale } from "@/lib/i18n/locales";
import type { EmailTemplate } from "../template";

/**
 * Every email Tessera sends, by name. Adding one: a component file here, its words in
 * messages/<locale>/email.json (en, ja, de), plus one line in each map.
 */
export type EmailTemplateProps = {
  "verify-email": VerifyEmailProps;
  "two-factor-enabled": TwoFactorEnabledProps;
  "two-factor-disabled": TwoFactorDisabledProps;
  "recovery-code-used": RecoveryCodeUsedProps;
  "two-factor-locked": TwoFactorLockedProps;
  "login-code": LoginCodeProps;
  "password-changed": PasswordChangedProps;
  "email-changed": EmailChangedProps;
  "sign-in-blocked": SignInBlockedProps;
  "password-reset-required": PasswordResetRequiredProps;
  "two-factor-suspended": TwoFactorSuspendedProps;
  "two-factor-failed": TwoFactorFailedProps;
  "new-sign-in": NewSignInProps;
  "password-reset": PasswordResetProps;
  "sign-up-attempted": SignUpAttemptedProps;
  "confirm-email-change": ConfirmEmailChangeProps;
  "email-change-requested": EmailChangeRequestedProps;
  "recovery-codes-regenerated": RecoveryCodesRegeneratedProps;
  "authenticator-reenrolled": AuthenticatorReenrolledProps;
  "email-login-disabled": EmailLoginDisabledProps;
  "recovery-reminder": RecoveryReminderProps;
  "factor-added": FactorAddedProps;
  "factor-removed": FactorRemovedProps;
  "computer-trusted": ComputerTrustedProps;
  "project-reminder": ProjectReminderProps;
  "project-invitation": ProjectInvitationProps;
  "project-membership-changed": ProjectMembershipChangedProps;
  "project-policy-required": ProjectPolicyRequiredProps;
  "project-grace-last-day": ProjectGraceLastDayProps;
  "two-factor-reset-by-support": TwoFactorResetBySupportProps;
  "password-change-required": PasswordChangeRequiredProps;
  "recovery-request-filed": RecoveryRequestFiledProps;
  "support-case-decided": SupportCaseDecidedProps;
};

export type EmailTemplateName = keyof EmailTemplateProps;

export const emailTemplates: { [Name in EmailTemplateName]: EmailTemplate<EmailTemplateProps[Name]> } = {
  "verify-email": verifyEmail,
  "two-factor-enabled": twoFactorEnabled,
  "two-factor-disabled": twoFactorDisabled,
  "recovery-code-used": recoveryCodeUsed,
  "two-factor-locked": twoFactorLocked,
  "login-code": loginCode,
  "password-changed": passwordChanged,
  "email-changed": emailChanged,
  "sign-in-blocked": signInBlocked,
  "password-reset-required": passwordResetRequired,
  "two-factor-suspended": twoFactorSuspended,
  "two-factor-failed": twoFactorFailed,
  "new-sign-in": newSignIn,
  "password-reset": passwordReset,
  "sign-up-attempted": signUpAttempted,
  "confirm-email-change": confirmEmailChange,
  "email-change-requested": emailChangeRequested,
  "recovery-codes-regenerated": recoveryCodesRegenerated,
  "authenticator-reenrolled": authenticatorReenrolled,
  "email-login-disabled": emailLoginDisabled,
  "recovery-reminder": recoveryReminder,
  "factor-added": factorAdded,
  "factor-removed": factorRemoved,
  "computer-trusted": computerTrusted,
  "project-reminder": projectReminder,
  "project-invitation": projectInvitation,
  "project-membership-changed": projectMembershipChanged,
  "project-policy-required": projectPolicyRequired,
  "project-grace-last-day": projectGraceLastDay,
  "two-factor-reset-by-support": twoFactorResetBySupport,
  "password-change-required": passwordChangeRequired,
  "recovery-request-filed": recoveryRequestFiled,
  "support-case-decided": supportCaseDecided,
};

/** `props` may be left out when a template has no required props. */
type PropsField<Props> = {} extends Props ? { props?: Props } : { props: Props };

/**
 * `locale` is the recipient's language. Left out, sendEmail finds it from the account of the
 * recipient address (lib/email/recipient-locale.ts); renderEmail alone then renders English.
 * `notMeLink`: the recipient's "This wasn't me" link, which security notices carry (notifyUser).
 */
export type EmailMessageFor<Name extends EmailTemplateName> = { template: Name; to: string; locale?: Locale; notMeLink?: string } & PropsField<
  EmailTemplateProps[Name]
>;

/** One email to send: a template name, its props, and one recipient address. */
export type EmailMessage = { [Name in EmailTemplateName]: EmailMessageFor<Name> }[EmailTemplateName];
