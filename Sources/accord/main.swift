import AccordCLI

AccordCommand.main()
