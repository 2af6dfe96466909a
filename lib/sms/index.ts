export { phoneDeliveryAvailable, sendPhoneMessage, twilioSettings, type PhoneMessage, type SendPhoneResult } from "./send-phone-message";
export { smsBody, voiceScript, voiceTwiml, VOICES, type PhoneChannel } from "./phone-text";
export { PhoneDeliveryError } from "./twilio";
