export { sendPhoneMessage, type PhoneMessage, type SendPhoneResult } from "./send-phone-message";
export { phoneDeliveryAvailable, twilioSettings } from "./settings";
export { smsBody, voiceScript, voiceTwiml, VOICES, type PhoneChannel } from "./phone-text";
export { PhoneDeliveryError } from "./twilio";
