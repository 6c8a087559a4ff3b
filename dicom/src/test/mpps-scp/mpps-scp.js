// A small Modality Performed Procedure Step SCP: the real peer of the dicom module's MPPS tests.
// Usage: node mpps-scp.js PORT AE_TITLE OUT_DIR
// Accepts MPPS (N-CREATE, N-SET) and Verification; writes every request it accepts as
// OUT_DIR/<sequence>-<n-create|n-set>.json ({command, sopInstanceUid, callingAeTitle, dataset}) and keeps the
// state of each step, answering as PS3.4 F.7 says: N-SET on an unknown step 0x0112, on a step already
// COMPLETED or DISCONTINUED 0x0110, N-CREATE of a UID it already holds 0x0111.
'use strict';
const fs = require('fs');
const path = require('path');
const dcmjsDimse = require('dcmjs-dimse');
const { Server, Scp } = dcmjsDimse;
const { CEchoResponse, NCreateResponse, NSetResponse } = dcmjsDimse.responses;
const { Status, PresentationContextResult, RejectResult, RejectSource, RejectReason, TransferSyntax, SopClass } =
  dcmjsDimse.constants;

const [port, aeTitle, outDir] = process.argv.slice(2);
if (!port || !aeTitle || !outDir) {
  console.error('usage: node mpps-scp.js PORT AE_TITLE OUT_DIR');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
const steps = new Map(); // SOP Instance UID -> status
let sequence = 0;

function record(kind, uid, calling, dataset) {
  sequence += 1;
  const file = path.join(outDir, String(sequence).padStart(4, '0') + '-' + kind + '.json');
  const body = { command: kind, sopInstanceUid: uid, callingAeTitle: calling, dataset: dataset ? dataset.getElements() : {} };
  fs.writeFileSync(file + '.tmp', JSON.stringify(body, null, 1));
  fs.renameSync(file + '.tmp', file); // the test never reads half a file
}

class MppsScp extends Scp {
  associationRequested(association) {
    this.association = association;
    if (association.getCalledAeTitle() !== aeTitle) {
      this.sendAssociationReject(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CalledAeNotRecognized);
      return;
    }
    for (const c of association.getPresentationContexts()) {
      const context = association.getPresentationContext(c.id);
      const abstract = context.getAbstractSyntaxUid();
      if (abstract !== SopClass.Verification && abstract !== SopClass.ModalityPerformedProcedureStep) {
        context.setResult(PresentationContextResult.RejectAbstractSyntaxNotSupported);
        continue;
      }
      const syntaxes = context.getTransferSyntaxUids();
      const pick = [TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian].find((t) => syntaxes.includes(t));
      if (pick) context.setResult(PresentationContextResult.Accept, pick);
      else context.setResult(PresentationContextResult.RejectTransferSyntaxesNotSupported);
    }
    this.sendAssociationAccept();
  }

  cEchoRequest(request, callback) {
    const response = CEchoResponse.fromRequest(request);
    response.setStatus(Status.Success);
    callback(response);
  }

  nCreateRequest(request, callback) {
    const uid = request.getAffectedSopInstanceUid();
    const response = NCreateResponse.fromRequest(request);
    const status = request.getDataset() ? request.getDataset().getElement('PerformedProcedureStepStatus') : undefined;
    if (steps.has(uid)) {
      response.setStatus(0x0111); // duplicate SOP instance
    } else if (status !== 'IN PROGRESS') {
      response.setStatus(0x0106); // invalid attribute value: a step is created IN PROGRESS
    } else {
      steps.set(uid, status);
      record('n-create', uid, this.association.getCallingAeTitle(), request.getDataset());
      response.setStatus(Status.Success);
    }
    callback(response);
  }

  nSetRequest(request, callback) {
    const uid = request.getRequestedSopInstanceUid();
    const response = NSetResponse.fromRequest(request);
    const current = steps.get(uid);
    if (current === undefined) {
      response.setStatus(0x0112); // no such SOP instance
    } else if (current !== 'IN PROGRESS') {
      response.setStatus(0x0110); // processing failure: a finished step may not be changed
    } else {
      const next = request.getDataset() ? request.getDataset().getElement('PerformedProcedureStepStatus') : undefined;
      if (next) steps.set(uid, next);
      record('n-set', uid, this.association.getCallingAeTitle(), request.getDataset());
      response.setStatus(Status.Success);
    }
    callback(response);
  }

  associationReleaseRequested() {
    this.sendAssociationReleaseResponse();
  }
}

// dcmjs-dimse listens on every interface; the tests' peers stay on loopback.
const net = require('net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (p, ...rest) {
  return typeof p === 'number' ? listen.call(this, p, '127.0.0.1', ...rest) : listen.call(this, p, ...rest);
};

const server = new Server(MppsScp);
server.on('networkError', (e) => console.error('network error: ' + e.message));
server.listen(Number(port));
console.log('mpps-scp listening on ' + port + ' as ' + aeTitle);
process.on('SIGTERM', () => { server.close(); process.exit(0); });
