import { confirmEmailChange, type ConfirmEmailChangeProps } from "@/components/email/confirm-email-change";
import { emailChangeRequested, type EmailChangeRequestedProps } from "@/components/email/email-change-requested";
import { authenticatorReenrolled, type AuthenticatorReenrolledProps } from "@/components/email/authenticator-reenrolled";
import { emailLoginDisabled, type EmailLoginDisabledProps } from "@/components/email/email-login-disabled";
import { recoveryCodesRegenerated, type RecoveryCodesRegeneratedProps } from "@/components/email/recovery-codes-regenerated";
import { emailChanged, type EmailChangedProps } from "@/components/email/email-changed";
import { loginCode, type LoginCodeProps } from "@/components/email/login-code";
import { passwordChanged, type PasswordChangedProps } from "@/components/email/password-changed";
import { signUpAttempted, type SignUpAttemptedProps } from "@/components/email/sign-up-attempted";
import { recoveryCodeUsed, type RecoveryCodeUsedProps } from "@/components/email/recovery-code-used";
import { twoFactorDisabled, type TwoFactorDisabledProps } from "@/components/email/two-factor-disabled";
import { twoFactorEnabled, type TwoFactorEnabledProps } from "@/components/email/two-factor-enabled";
import { twoFactorLocked, type TwoFactorLockedProps } from "@/components/email/two-factor-locked";
import { verifyEmail, type VerifyEmailProps } from "@/components/email/verify-email";
import { signInBlocked, type SignInBlockedProps } from "@/components/email/sign-in-blocked";
import { passwordResetRequired, type PasswordResetRequiredProps } from "@/components/email/password-reset-required";
import { twoFactorSuspended, type TwoFactorSuspendedProps } from "@/components/email/two-factor-suspended";
import { twoFactorFailed, type TwoFactorFailedProps } from "@/components/email/two-factor-failed";
import { newSignIn, type NewSignInProps } from "@/components/email/new-sign-in";
import { passwordReset, type PasswordResetProps } from "@/components/email/password-reset";
import type { EmailTemplate } from "./template";

/** Every email Tessera sends, by name. Adding one: a component file plus one line in each map. */
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
};

/** `props` may be left out when a template has no required props. */
type PropsField<Props> = {} extends Props ? { props?: Props } : { props: Props };

export type EmailMessageFor<Name extends EmailTemplateName> = { template: Name; to: string } & PropsField<
  EmailTemplateProps[Name]
>;

/** One email to send: a template name, its props, and one recipient address. */
export type EmailMessage = { [Name in EmailTemplateName]: EmailMessageFor<Name> }[EmailTemplateName];
