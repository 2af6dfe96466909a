import common from "./common.json";
import errors from "./errors.json";
import validation from "./validation.json";
import auth from "./auth.json";
import security from "./security.json";
import account from "./account.json";
import support from "./support.json";
import shell from "./shell.json";
import email from "./email.json";
import audit from "./audit.json";
import notices from "./notices.json";
import readiness from "./readiness.json";
import trust from "./trust.json";
import keys from "./keys.json";
import phone from "./phone.json";
import projects from "./projects.json";
import projectMembers from "./projectMembers.json";
import projectSettings from "./projectSettings.json";
import projectCompliance from "./projectCompliance.json";
import projectAccess from "./projectAccess.json";
import supportPeople from "./supportPeople.json";
import supportCases from "./supportCases.json";
import recoveryRequest from "./recoveryRequest.json";
import auditChain from "./auditChain.json";
import supportResets from "./supportResets.json";

/** One file per part of the product, so each can be translated and reviewed on its own. */
const messages = { common, errors, validation, auth, security, account, support, shell, email, audit, notices, readiness, trust, keys, phone, projects, projectMembers, projectSettings, projectCompliance, projectAccess, supportPeople, supportCases, recoveryRequest, auditChain, supportResets };
export default messages;
