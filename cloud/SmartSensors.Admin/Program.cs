// smartsensors-admin: provisioning commands for operators (gateway credentials, ACL entries, gateway config).
// The commands are being built under issue #8; until then this prints what it will do.
Console.Error.WriteLine("smartsensors-admin: no commands yet");
return 2;
