import "server-only";
import QRCode from "qrcode";

// The QR code of a TOTP enrolment (its otpauth:// URI), drawn on the server as SVG and handed to
// the page as a data: URL (the console's CSP allows data: images), so nothing is fetched elsewhere.

/** An `data:image/svg+xml` URL of the QR code for `text`. */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}
