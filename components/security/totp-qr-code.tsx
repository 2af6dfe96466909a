import { QRCodeSVG } from "qrcode.react";

/**
 * The authenticator's QR code, drawn on the server: the enrolment action hands the browser the
 * finished <svg>, so the QR encoder (qrcode.react) never ships to it.
 */
export function TotpQrCode({ uri, title }: { uri: string; title: string }) {
  return <QRCodeSVG value={uri} size={176} marginSize={0} title={title} />;
}
